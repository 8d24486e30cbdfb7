//go:build !wasm

// Command picmark turns folders of photos into branded, platform-sized JPEGs.
//
// Built for the browser (GOOS=js GOARCH=wasm) it is the app's user interface;
// built natively it serves that app, writes it out as a static site, and runs
// the same engine from a terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // something could not be done; the message or report says what
	exitUsage  = 2 // the command line is wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own arguments
// and writers.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage.in(cliLang()))
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "presets":
		return runPresets(args[1:], stdout, stderr)
	case "process":
		return runProcess(args[1:], stdout, stderr)
	case "licences", "licenses":
		return runLicences(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, mainUsage.in(cliLang()))
		return exitOK
	}
	lang := cliLang()
	fmt.Fprintf(stderr, "picmark: %s\n\n%s", msg.New(msg.CLIUnknownCommand, msg.Text("value", args[0])).Say(lang), mainUsage.in(lang))
	return exitUsage
}

// newFlags makes a subcommand's flag set that reports errors instead of
// exiting, so run stays testable. Its usage is said in the user's language
// (help.go, which holds the command's synopsis and its flags' help: define
// them with an empty usage).
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	if _, ok := synopses[name]; !ok {
		panic("picmark " + name + " has no synopsis in help.go")
	}
	fs := flag.NewFlagSet("picmark "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { printUsage(stderr, name, fs, cliLang()) }
	return fs
}

// parseFlags accepts flags before and after the positional arguments
// ("picmark process ~/shoot -out out.zip" works), which the flag package
// alone does not. A "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) (positional []string, err error) {
	for {
		if err := flagParse(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// flagParse is fs.Parse with its mistakes said in the user's language
// before the usage (the flag package says them in English).
func flagParse(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(out, "%s: %s\n", fs.Name(), flagMessage(err).Say(cliLang()))
	}
	if err != nil {
		usage()
	}
	return err
}

// flagValue reads the flag package's "invalid value" error.
var flagValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?(-\S+): `)

// flagMessage is a flag package's error as a message.
func flagMessage(err error) msg.Message {
	s := err.Error()
	if name, ok := strings.CutPrefix(s, "flag provided but not defined: "); ok {
		return msg.New(msg.CLIFlagUnknown, msg.Text("flag", name))
	}
	if name, ok := strings.CutPrefix(s, "flag needs an argument: "); ok {
		return msg.New(msg.CLIFlagNoValue, msg.Text("flag", name))
	}
	if m := flagValue.FindStringSubmatch(s); m != nil {
		return msg.New(msg.CLIFlagValue, msg.Text("flag", m[2]), msg.Text("value", m[1]))
	}
	if v, ok := strings.CutPrefix(s, "bad flag syntax: "); ok {
		return msg.New(msg.CLIFlagSyntax, msg.Text("value", v))
	}
	return msg.New(msg.CLIFlags, msg.Text("reason", s))
}

// unexpected says a command's argument it takes none of.
func unexpected(stderr io.Writer, command, arg string) {
	fmt.Fprintf(stderr, "picmark %s: %s\n", command, msg.New(msg.CLIUnexpected, msg.Text("value", arg)).Say(cliLang()))
}

// flagExit maps a parse error to an exit status: -h is not a mistake.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	web := fs.String("web", "web", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		unexpected(stderr, "serve", rest[0])
		fs.Usage()
		return exitUsage
	}

	lang := cliLang()
	start := time.Now()
	// Brotli 6 at once, brotli 11 about a minute later (precompressed.go).
	h, err := newSite(*web, siteEffort)
	if err != nil {
		fmt.Fprintf(stderr, "picmark serve: %s\n", sayError(err, lang))
		return exitFailed
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprint(stderr, "picmark serve: "+serveNoListen.say(lang, *addr, err))
		return exitFailed
	}
	// Ctrl+C stops the server from the moment it says it is ready.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprint(stdout, serveReady.say(lang, ln.Addr(), duration(lang, time.Since(start))))

	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "picmark serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func runPresets(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("presets", stderr)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		unexpected(stderr, "presets", rest[0])
		return exitUsage
	}
	defaults := map[string]bool{}
	for _, id := range preset.DefaultIDs {
		defaults[id] = true
	}
	lang := cliLang()
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, presetsHeader.in(lang))
	for _, p := range preset.All() {
		id := p.ID
		if defaults[id] {
			id += " *"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", id, p.Size(lang), megabytes(lang, p.MaxBytes),
			safeZone(lang, p.Safe), p.Platform, p.Source)
	}
	if err := tw.Flush(); err != nil {
		return exitFailed
	}
	fmt.Fprint(stdout, presetsNote.in(lang))
	return exitOK
}

// safeZone describes the margins kept clear of the logo, in words.
func safeZone(lang string, s preset.Insets) string {
	var parts []string
	for i, v := range []int{s.Top, s.Right, s.Bottom, s.Left} {
		if v > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", safeSides[i].in(lang), v))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// megabytes is a byte cap in megabytes: "10", "0.5"; in French "0,5".
func megabytes(lang string, n int64) string {
	s := strconv.FormatFloat(float64(n)/(1<<20), 'g', -1, 64)
	if lang == msg.French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// duration is how long something took: Go's "412ms", "1.234s"; in French
// "412\u00A0ms", "1,234\u00A0s".
func duration(lang string, d time.Duration) string {
	d = d.Round(time.Millisecond)
	if lang != msg.French {
		return d.String()
	}
	if d < time.Second {
		return msg.Number(lang, d.Milliseconds()) + "\u00A0ms"
	}
	return strings.Replace(strconv.FormatFloat(d.Seconds(), 'f', -1, 64), ".", ",", 1) + "\u00A0s"
}
