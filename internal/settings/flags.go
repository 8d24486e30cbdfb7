package settings

import (
	"flag"
	"fmt"
	"strings"

	"picmark/internal/job"
)

// Flags are Table's flags on a command line.
type Flags struct {
	fs     *flag.FlagSet
	values map[string]any // the flags' variables, by name
}

// Run is what a flag's setting sees besides its value: which flags the
// command line gave, and how to read a file a flag names (the command
// line's, which says which file and why).
type Run struct {
	Given func(flag string) bool
	Read  func(name, what string, limit int64) ([]byte, error)
}

// AddFlags defines Table's flags on fs, with their help and defaults.
func AddFlags(fs *flag.FlagSet) *Flags {
	fl := &Flags{fs: fs, values: map[string]any{}}
	for _, e := range Table {
		if e.Flag == "" {
			continue
		}
		switch d := e.Default.(type) {
		case string:
			fl.values[e.Flag] = fs.String(e.Flag, d, e.Usage)
		case float64:
			fl.values[e.Flag] = fs.Float64(e.Flag, d, e.Usage)
		case int:
			fl.values[e.Flag] = fs.Int(e.Flag, d, e.Usage)
		case []string:
			l := new(listFlag)
			fs.Var(l, e.Flag, e.Usage)
			fl.values[e.Flag] = l
		default:
			panic(fmt.Sprintf("settings: flag -%s has a default of type %T", e.Flag, e.Default))
		}
	}
	return fl
}

// value is a flag's value, given or its default.
func (fl *Flags) value(name string) any {
	switch v := fl.values[name].(type) {
	case *string:
		return *v
	case *float64:
		return *v
	case *int:
		return *v
	case *listFlag:
		return []string(*v)
	}
	return nil
}

// Check checks the flags' values that need no file, given or not.
func (fl *Flags) Check() error {
	for _, e := range Table {
		if e.Flag != "" && e.check != nil {
			if err := e.check(fl.value(e.Flag)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Apply writes the flags into s, whose Kit is the brand kit the command
// line names (or an empty one). The rule: a flag given on the command line
// overrides the brand kit's setting; a flag left out fills only what the
// kit leaves unset, with its default. Errors say which flag or file.
func (fl *Flags) Apply(s *job.Settings, read func(name, what string, limit int64) ([]byte, error)) error {
	given := map[string]bool{}
	fl.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	run := Run{Given: func(name string) bool { return given[name] }, Read: read}
	for _, e := range Table {
		if e.Flag == "" || !given[e.Flag] && e.has != nil && e.has(s) {
			continue
		}
		if err := e.set(s, fl.value(e.Flag), run); err != nil {
			return err
		}
	}
	return nil
}

// listFlag is a flag given once per value: -text "…" -text "…".
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " | ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
