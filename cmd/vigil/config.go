package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/BurntSushi/toml"
	"github.com/urfave/cli/v3"
)

// Configuration: every deployment setting is a flag of vigil serve (or of
// every command), an environment variable VIGIL_<NAME> and a key of the
// optional TOML file named by --config (VIGIL_CONFIG). Precedence: flag >
// environment > file > default. `vigil config` prints the effective
// configuration and where each value came from; `vigil config --table`
// prints the table of docs/configuration.md.

// configFlag names the optional configuration file.
func configFlag() cli.Flag {
	return &cli.StringFlag{Name: "config", Sources: cli.EnvVars("VIGIL_CONFIG"),
		Usage: "TOML file of settings (keys are the flag names, e.g. addr = \"0.0.0.0:8080\"); flags and VIGIL_* variables override it"}
}

// settingFlags are the deployment settings: the flags of every command
// and of vigil serve. The configuration file sets them; each has its
// VIGIL_* variable.
func settingFlags(e *env) []cli.Flag {
	return append(rootFlags(), serveCommand(e).Flags...)
}

// envName is the environment variable of a setting.
func envName(flag string) string {
	return "VIGIL_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// withEnv gives every flag without an environment variable its
// VIGIL_<NAME>, so that every setting has one.
func withEnv(flags []cli.Flag) []cli.Flag {
	for _, f := range flags {
		d, ok := f.(cli.DocGenerationFlag)
		if !ok || len(d.GetEnvVars()) > 0 {
			continue
		}
		v := reflect.ValueOf(f)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			continue
		}
		if field := v.Elem().FieldByName("Sources"); field.IsValid() && field.CanSet() {
			field.Set(reflect.ValueOf(cli.EnvVars(envName(f.Names()[0]))))
		}
	}
	return flags
}

// settings is what the configuration file set, and where each setting
// of the running command came from.
type settings struct {
	file   string
	values map[string][]string // from the file: setting -> values
	arrays map[string]bool     // the settings the file gave as arrays
	source map[string]string   // setting -> "flag", "env", "file" or "default"
}

// readConfigFile reads a TOML file of settings: flat keys naming settings,
// values strings, numbers, booleans or arrays of them. An unknown key is
// an error naming it, so that a misspelt setting is not ignored.
func readConfigFile(path string, known map[string]bool) (map[string][]string, map[string]bool, error) {
	var raw map[string]any
	md, err := toml.DecodeFile(path, &raw)
	if err != nil {
		return nil, nil, fmt.Errorf("config file %s: %w", path, err)
	}
	_ = md
	out, arrays := map[string][]string{}, map[string]bool{}
	for _, k := range sortedKeys(raw) {
		if !known[k] {
			return nil, nil, fmt.Errorf("config file %s: unknown setting %q (see vigil config --table)", path, k)
		}
		vals, err := settingValues(raw[k])
		if err != nil {
			return nil, nil, fmt.Errorf("config file %s: setting %q: %w", path, k, err)
		}
		_, arrays[k] = raw[k].([]any)
		out[k] = vals
	}
	return out, arrays, nil
}

func settingValues(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case bool:
		return []string{strconv.FormatBool(x)}, nil
	case int64:
		return []string{strconv.FormatInt(x, 10)}, nil
	case float64:
		return []string{strconv.FormatFloat(x, 'g', -1, 64)}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, err := settingValues(e)
			if err != nil || len(s) != 1 {
				return nil, errors.New("an array may hold only strings, numbers and booleans")
			}
			out = append(out, s[0])
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a string, number, boolean or array, not %T", v)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// configure runs before every command: it applies the configuration
// file to the settings the command line and the environment left unset,
// notes where each value came from, and builds the logger.
func (e *env) configure(ctx context.Context, cmd *cli.Command) (context.Context, error) {
	s := &settings{values: map[string][]string{}, source: map[string]string{}}
	e.settings = s
	known := map[string]bool{}
	for _, f := range settingFlags(e) {
		known[f.Names()[0]] = f.Names()[0] != "config"
	}
	if s.file = cmd.String("config"); s.file != "" {
		var err error
		if s.values, s.arrays, err = readConfigFile(s.file, known); err != nil {
			return ctx, usageError(err)
		}
	}
	for _, f := range commandFlags(cmd) {
		name := f.Names()[0]
		switch {
		case cmd.IsSet(name) && e.onCommandLine(f):
			s.source[name] = "flag"
		case cmd.IsSet(name):
			s.source[name] = "env"
		case known[name] && s.values[name] != nil:
			if m, ok := f.(cli.DocGenerationMultiValueFlag); s.arrays[name] && !(ok && m.IsMultiValueFlag()) {
				return ctx, usageError(fmt.Errorf("config file %s: setting %q takes one value, not an array", s.file, name))
			}
			for _, v := range s.values[name] {
				if err := cmd.Set(name, v); err != nil {
					return ctx, usageError(fmt.Errorf("config file %s: setting %q: %w", s.file, name, err))
				}
			}
			s.source[name] = "file"
		default:
			s.source[name] = "default"
		}
	}
	ctx, err := e.setLogger(ctx, cmd)
	return ctx, usageError(err)
}

// commandFlags returns the flags of cmd and those it inherits.
func commandFlags(cmd *cli.Command) []cli.Flag {
	var out []cli.Flag
	seen := map[string]bool{}
	lineage := cmd.Lineage()
	slices.Reverse(lineage) // the root's flags first
	for _, c := range lineage {
		for _, f := range c.Flags {
			if n := f.Names()[0]; !seen[n] && n != "help" && n != "version" {
				seen[n] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// onCommandLine reports whether f was given on the command line (and not
// only by its environment variable).
func (e *env) onCommandLine(f cli.Flag) bool {
	for _, a := range e.args {
		if a == "--" {
			return false
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		a = strings.TrimLeft(a, "-")
		a, _, _ = strings.Cut(a, "=")
		if slices.Contains(f.Names(), a) {
			return true
		}
	}
	return false
}

// secret says how to show a setting's value: database URLs without their
// password, tokens and secrets not at all.
func masked(name, value string) string {
	switch {
	case value == "":
		return value
	case name == "db":
		u, err := url.Parse(value)
		if err != nil {
			return "****"
		}
		return u.Redacted()
	case strings.Contains(name, "token"), strings.Contains(name, "secret"), strings.Contains(name, "password"):
		return "****"
	}
	return value
}

func configCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "print the effective configuration of vigil serve and where each value came from",
		UsageText: `vigil [--config FILE] config [serve flags]
vigil config --table

Each setting is a flag, an environment variable VIGIL_<NAME> and a key of
the optional TOML file given by --config (or VIGIL_CONFIG); a flag
overrides the variable, which overrides the file, which overrides the
default. Give the same flags, variables and file as to vigil serve to see
what it would run with. Secrets are masked. --table prints the table of
every setting (docs/configuration.md).`,
		Flags: append(withEnv(serveCommand(e).Flags),
			&cli.BoolFlag{Name: "table", Usage: "print the table of every setting, in Markdown"}),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Bool("table") {
				return settingsTable(e.stdout, settingFlags(e))
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
			for _, f := range commandFlags(cmd) {
				name := f.Names()[0]
				if name == "table" {
					continue
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", name, masked(name, flagValue(cmd, f)), e.settings.source[name])
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if f := e.settings.file; f != "" {
				fmt.Fprintf(e.stdout, "configuration file: %s\n", f)
			}
			return nil
		},
	}
}

// flagValue returns a flag's value as text.
func flagValue(cmd *cli.Command, f cli.Flag) string {
	name := f.Names()[0]
	switch v := cmd.Value(name).(type) {
	case []string:
		return strings.Join(v, ",")
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// settingsTable writes the Markdown table of every setting.
func settingsTable(w io.Writer, flags []cli.Flag) error {
	fmt.Fprintln(w, "| setting (file key) | flag | environment variable | default | what |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, f := range flags {
		d, ok := f.(cli.DocGenerationFlag)
		if !ok {
			continue
		}
		if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
			continue // test-only (fault injection)
		}
		name := f.Names()[0]
		def := d.GetDefaultText()
		if def == "" {
			def = d.GetValue()
		}
		def = strings.ReplaceAll(def, `"`, "")
		if def == "" {
			def = "(none)"
		}
		flag := "--" + name
		if d.TakesValue() {
			flag += " " + strings.ToUpper(d.TypeName())
		}
		env := strings.Join(d.GetEnvVars(), ", ")
		usage := strings.ReplaceAll(d.GetUsage(), "|", "\\|")
		if _, err := fmt.Fprintf(w, "| `%s` | `%s` | `%s` | %s | %s |\n", name, flag, env, strings.ReplaceAll(def, "|", "\\|"), usage); err != nil {
			return err
		}
	}
	return nil
}
