//go:build !wasm

package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"picmark/internal/msg"
	"picmark/internal/preset"
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
	{"build-unwritable", exitFailed, func(t *testing.T) (int, string) {
		web, dir := testWebDir(t), t.TempDir()
		file := filepath.Join(dir, "file")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return saidRun(t, []string{web, dir}, "build", "-out", filepath.Join(file, "site"), "-web", web)
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

// saidEnglish are English words no French sentence of picmark's holds.
var saidEnglish = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the to with is are and of in for when not your any each its from this that be can
		cannot first find run pass press stop ready started written write say where used given failed missing choose another
		folder already upload contents host files software following bundles follows notice name size safe platform
		wide top bottom right left listen overlap outside compiled library runtime fork by it if fonts`) {
		saidEnglish[w] = true
	}
}

// saidData removes from a command's output what it says as it is in both
// languages: the formats' ids, platforms and sources (citations of each
// platform's own pages), a proper name's licence heading, the licences'
// own texts and the system's words in a message's parentheses.
func saidData(s string) string {
	var data []string
	for _, p := range preset.All() {
		data = append(data, p.Source, p.ID, p.Platform)
	}
	slices.SortFunc(data, func(a, b string) int { return len(b) - len(a) }) // "specs; moda.app" before "specs"
	for _, d := range data {
		s = strings.ReplaceAll(s, d, "")
	}
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		for _, c := range components {
			if c.Name.en == c.Name.fr && strings.HasPrefix(l, "==== "+c.Name.en+" — ") {
				l = ""
			}
		}
		if !strings.HasPrefix(l, "[the notice of ") {
			lines = append(lines, l)
		}
	}
	s = saidSystem.ReplaceAllString(strings.Join(lines, "\n"), "")
	return saidTag.ReplaceAllString(s, "")
}

var (
	saidSystem = regexp.MustCompile(`\(listen tcp [^)]*\)|mkdir \S+: not a directory`)
	// saidTag is a mistake's "picmark build: ", the same in both
	// languages, as process's mistakes' (testdata/help/fr/unknownflag.txt).
	saidTag = regexp.MustCompile(`(?m)^picmark [a-z]+: `)
)

// In French, serve, build, presets and licences say everything in French:
// no line of their English in it, no English word, French typography.
func TestSaidInFrench(t *testing.T) {
	saidQuickly(t)
	for _, tc := range saidCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("LC_ALL", "C")
			_, en := tc.run(t)
			t.Setenv("LC_ALL", "fr_FR.UTF-8")
			_, fr := tc.run(t)
			en, fr = saidData(en), saidData(fr)
			said := 0
			for _, l := range strings.Split(en, "\n") {
				if !strings.ContainsFunc(l, unicode.IsLetter) {
					continue
				}
				said++
				if strings.Contains(fr, l) {
					t.Errorf("left in English in the French: %q", l)
				}
			}
			if said == 0 {
				t.Fatalf("nothing said in English:\n%s", en)
			}
			for _, l := range strings.Split(fr, "\n") {
				for _, w := range strings.FieldsFunc(strings.ToLower(l), func(r rune) bool { return !unicode.IsLetter(r) }) {
					if saidEnglish[w] {
						t.Errorf("the English %q in the French %q", w, l)
					}
				}
			}
			for _, p := range msg.Typography(literal.ReplaceAllString(fr, "")) {
				t.Errorf("in French: %s", p)
			}
			if strings.ContainsAny(en, "\u00A0\u202F’") {
				t.Errorf("French spaces or apostrophes in the English:\n%s", en)
			}
		})
	}
}
