//go:build !wasm

package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"picmark/internal/msg"
)

// saidCases are what serve, build, presets and licences print besides
// their usage, each in a golden per language in testdata/said/<lang>/ (the
// English ones written by picmark before it said them in French: English
// stays as it was, byte for byte). Each runs the command and returns its
// exit status and its stdout then stderr, with what changes from run to run
// (folders, a port, a duration) replaced by $DIR, $PORT and $DUR.
var saidCases = []struct {
	name string
	code int
	run  func(t *testing.T) (code int, out string)
}{
	{"presets", exitOK, func(t *testing.T) (int, string) { return saidRun(t, nil, "presets") }},
	{"licences", exitOK, func(t *testing.T) (int, string) { return saidRun(t, nil, "licences") }},
	{"build-overlap", exitUsage, func(t *testing.T) (int, string) {
		web := t.TempDir()
		return saidRun(t, []string{web}, "build", "-out", filepath.Join(web, "site"), "-web", web)
	}},
	{"build-noweb", exitFailed, func(t *testing.T) (int, string) {
		dir := t.TempDir()
		return saidRun(t, []string{dir}, "build", "-out", filepath.Join(dir, "site"), "-web", filepath.Join(dir, "none"))
	}},
	{"build-nowasm", exitFailed, func(t *testing.T) (int, string) {
		web, out := t.TempDir(), t.TempDir()
		return saidRun(t, []string{web, out}, "build", "-out", filepath.Join(out, "site"), "-web", web)
	}},
	{"build-done", exitOK, func(t *testing.T) (int, string) {
		web, out := testWebDir(t), t.TempDir()
		return saidRun(t, []string{web, out}, "build", "-out", filepath.Join(out, "site"), "-web", web)
	}},
	{"serve-busy", exitFailed, func(t *testing.T) (int, string) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		web := testWebDir(t)
		return saidRun(t, []string{web}, "serve", "-addr", ln.Addr().String(), "-web", web)
	}},
	{"serve-ready", exitOK, func(t *testing.T) (int, string) {
		// Stopped as a person stops it, with Ctrl+C, once it says it is ready.
		web := testWebDir(t)
		r, w := io.Pipe()
		var stderr strings.Builder
		done := make(chan int)
		go func() {
			done <- run([]string{"serve", "-addr", "127.0.0.1:0", "-web", web}, w, &stderr)
			w.Close()
		}()
		ready, err := bufio.NewReader(r).ReadString('\n')
		if err != nil {
			t.Fatalf("serve said %q then %v; stderr %s", ready, err, stderr.String())
		}
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		go io.Copy(io.Discard, r)
		code := <-done
		return code, saidVariable(ready+stderr.String(), []string{web})
	}},
}

// saidRun runs picmark and returns its exit status and output, dirs and
// the rest that varies replaced.
func saidRun(t *testing.T, dirs []string, args ...string) (int, string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, args...)
	return code, saidVariable(stdout+stderr, dirs)
}

var (
	saidPort     = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	saidDuration = regexp.MustCompile(`\d+(?:[.,]\d+)?\x{00A0}?(?:µs|ms|s)\)`)
)

func saidVariable(s string, dirs []string) string {
	for _, c := range components { // the licences' own texts: their files' (licences_test.go)
		s = strings.Replace(s, c.notice(), "[the notice of "+c.Slug+"]\n", 1)
	}
	for _, d := range dirs {
		s = strings.ReplaceAll(s, d, "$DIR")
	}
	s = saidPort.ReplaceAllString(s, "127.0.0.1:$$PORT")
	return saidDuration.ReplaceAllString(s, "$$DUR)")
}

// saidQuickly makes serve and build compress as the other tests' servers
// do: what they say is the same.
func saidQuickly(t *testing.T) {
	siteEffort = quick
	t.Cleanup(func() { siteEffort = thorough })
}

func TestSaidGoldens(t *testing.T) {
	saidQuickly(t)
	for lang, locale := range map[string]string{msg.English: "C", msg.French: "fr_FR.UTF-8"} {
		t.Run(lang, func(t *testing.T) {
			t.Setenv("LC_ALL", locale)
			for _, tc := range saidCases {
				code, out := tc.run(t)
				if code != tc.code {
					t.Errorf("%s: exit %d, want %d:\n%s", tc.name, code, tc.code, out)
				}
				golden := filepath.Join("testdata", "said", lang, tc.name+".txt")
				_, missing := os.Stat(golden)
				if *updateHelp && (lang != msg.English || missing != nil) { // the English goldens are the old picmark's
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test -run TestSaidGoldens -update writes the French ones)", err)
				}
				if out != string(want) {
					t.Errorf("%s in %s differs from %s:\n%s", tc.name, lang, golden, out)
				}
			}
		})
	}
}
