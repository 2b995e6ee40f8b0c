package screen_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZProbeRecords(t *testing.T) {
	keys := strings.Fields(os.Getenv("PROBE_KEYS"))
	if len(keys) == 0 {
		t.Skip()
	}
	eng := realEngine(t)
	for _, k := range keys {
		l, id, _ := strings.Cut(k, "/")
		e := eng.Entity(l, id)
		b, _ := json.Marshal(e)
		fmt.Println(string(b))
	}
}
