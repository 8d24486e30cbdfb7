//go:build !wasm

package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"picmark/internal/msg"
)

var updateHelp = flag.Bool("update", false, "rewrite the help goldens in testdata/help/")

// helpCases are the command lines that print a usage, with their exit
// status; each has a golden per language in testdata/help/<lang>/<name>.txt
// (stdout, then stderr). The English goldens were written by picmark
// before its help had a French side: English stays as it was, byte for
// byte.
var helpCases = []struct {
	name string
	args []string
	code int
}{
	{"none", nil, exitUsage},
	{"h", []string{"-h"}, exitOK},
	{"help", []string{"help"}, exitOK},
	{"process", []string{"process", "-h"}, exitOK},
	{"serve", []string{"serve", "-h"}, exitOK},
	{"build", []string{"build", "-h"}, exitOK},
	{"presets", []string{"presets", "-h"}, exitOK},
	{"licences", []string{"licences", "-h"}, exitOK},
	{"unknownflag", []string{"process", "-colour", "red"}, exitUsage},
	{"buildnoout", []string{"build"}, exitUsage},
	{"unknowncmd", []string{"resize"}, exitUsage},
}

func TestHelpGoldens(t *testing.T) {
	for lang, locale := range map[string]string{msg.English: "C", msg.French: "fr_FR.UTF-8"} {
		t.Run(lang, func(t *testing.T) {
			t.Setenv("LC_ALL", locale)
			for _, tc := range helpCases {
				code, stdout, stderr := runCLI(t, tc.args...)
				if code != tc.code {
					t.Errorf("%s: exit %d, want %d", tc.name, code, tc.code)
				}
				golden := filepath.Join("testdata", "help", lang, tc.name+".txt")
				if *updateHelp && lang != msg.English { // the English goldens are the old picmark's
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(stdout+stderr), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test -run TestHelpGoldens -update writes the French ones)", err)
				}
				if got := stdout + stderr; got != string(want) {
					t.Errorf("picmark %s in %s differs from %s:\n%s", strings.Join(tc.args, " "), lang, golden, got)
				}
			}
		})
	}
}

// literal is a word a user types as it is, colon included ("hôte:port",
// "127.0.0.1:8080"): French typography does not apply inside it.
var literal = regexp.MustCompile(`\S+:\S+`)

// flagLine is a flag's line in a usage: "  -logo-scale float".
var flagLine = regexp.MustCompile(`^  -(\S+)`)

// Every flag of every command has its help in both languages, and in French
// picmark says the whole usage in French: each flag's French help, nothing
// of the English, French typography.
func TestHelpInFrench(t *testing.T) {
	var commands []string
	for c := range synopses {
		commands = append(commands, c)
	}
	slices.Sort(commands)
	for _, c := range commands {
		t.Run(c, func(t *testing.T) {
			t.Setenv("LC_ALL", "C")
			_, _, en := runCLI(t, c, "-h")
			t.Setenv("LC_ALL", "fr_FR.UTF-8")
			code, _, fr := runCLI(t, c, "-h")
			if code != exitOK || !strings.HasPrefix(fr, "Utilisation\u00A0: picmark "+c+" ") {
				t.Fatalf("exit %d, usage:\n%s", code, fr)
			}
			if c != "presets" && c != "licences" && synopses[c].fr == synopses[c].en {
				t.Errorf("the synopsis of %s is not in French", c)
			}
			var flags []string
			for _, l := range strings.Split(en, "\n") {
				if m := flagLine.FindStringSubmatch(l); m != nil {
					flags = append(flags, m[1])
				}
			}
			if c == "process" && len(flags) < 20 {
				t.Fatalf("%d flags found in the usage of process:\n%s", len(flags), en)
			}
			for _, f := range flags {
				h, ok := helpOf(c, f)
				switch {
				case !ok || h.en == "":
					t.Errorf("-%s of %s has no help in help.go", f, c)
				case h.fr == "" || h.fr == h.en:
					t.Errorf("-%s of %s has no French help in help.go", f, c)
				case !strings.Contains(fr, "\n    \t"+h.fr):
					t.Errorf("-%s's French help is not in the usage:\n%s", f, fr)
				case strings.Contains(fr, h.en):
					t.Errorf("-%s's English help is in the French usage", f)
				}
				for _, p := range msg.Typography(literal.ReplaceAllString(h.fr, "")) {
					t.Errorf("-%s of %s in French: %s", f, c, p)
				}
				if strings.ContainsAny(h.en, "\u00A0\u202F’") {
					t.Errorf("-%s of %s in English has French spaces or apostrophes", f, c)
				}
			}
			for _, p := range msg.Typography(literal.ReplaceAllString(fr, "")) {
				t.Errorf("%s's usage in French: %s", c, p)
			}
			for _, english := range []string{"(default", " string\n", " float\n", " int\n", " value\n", "Usage"} {
				if strings.Contains(fr, english) {
					t.Errorf("%q in the French usage of %s", english, c)
				}
			}
		})
	}
	t.Run("picmark", func(t *testing.T) {
		t.Setenv("LC_ALL", "fr_FR.UTF-8")
		code, stdout, _ := runCLI(t, "help")
		if code != exitOK || stdout != mainUsage.fr {
			t.Fatalf("exit %d:\n%s", code, stdout)
		}
		for _, c := range commands {
			if !strings.Contains(stdout, "\n  picmark "+c) {
				t.Errorf("the French usage leaves out %s", c)
			}
		}
		for _, p := range msg.Typography(literal.ReplaceAllString(stdout, "")) {
			t.Errorf("in French: %s", p)
		}
	})
}
