//go:build !wasm

package main

import (
	"os"

	"picmark/internal/msg"
)

// process_lang.go: the language the command line speaks.

// cliLang is the language of the command line's messages and reports:
// French where the locale says so (LC_ALL, else LC_MESSAGES, else LANG, as
// POSIX orders them), English otherwise.
func cliLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return msg.Lang(l)
		}
	}
	return msg.English
}

// summary is the last line of a run: "3 done, 1 failed — see
// out/report.csv".
func summary(lang string, done, failed int, report string) string {
	return msg.New(msg.SummaryDone, msg.Count("n", done)).Say(lang) + ", " +
		msg.New(msg.SummaryFailed, msg.Count("n", failed)).Say(lang) + " — " +
		msg.New(msg.SummarySee, msg.Text("path", report)).Say(lang)
}
