package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"path"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/audit"
)

// parsePages parses each page template with the layout (base.html).
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "base" {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, "templates/base.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		out[name] = t
	}
	return out, nil
}

var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"age":   humanAge,
	"since": func(t time.Time, now time.Time) string { return humanAge(now.Sub(t)) },
	"score": func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"pct":   func(f float64) int { return int(math.Round(f * 100)) },
	"signed": func(f float64) string {
		if f >= 0 {
			return fmt.Sprintf("+%.2f", f)
		}
		return fmt.Sprintf("%.2f", f)
	},
	"human": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"join":  func(s []string) string { return strings.Join(s, ", ") },
	"details": func(raw json.RawMessage) string {
		var m map[string]any
		if json.Unmarshal(raw, &m) != nil || len(m) == 0 {
			return ""
		}
		delete(m, "bind")
		if len(m) == 0 {
			return ""
		}
		b, _ := json.Marshal(m)
		return string(b)
	},
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	"actionName": func(a audit.Action) string { return strings.ReplaceAll(string(a), "_", " ") },
	"percent": func(done, total int) int {
		if total == 0 {
			return 0
		}
		return done * 100 / total
	},
	"str": func(v any) string { return fmt.Sprint(v) },
	"add": func(a, b int) int { return a + b },
	// dict builds the argument of a shared template (graph, edges).
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// humanAge says a duration the way a person reads it.
func humanAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	}
}
