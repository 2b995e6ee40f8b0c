package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzLoadFile offers arbitrary bytes as a list file: detection and the
// reader it picks must either load an edition that passes the record
// checks, report a failure naming the file, or leave the file unrecognised
// — never panic, never return a partial edition silently.
func FuzzLoadFile(f *testing.F) {
	f.Add([]byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"))
	f.Add([]byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>`))
	f.Add([]byte(`{"DATA_SOURCE":"OS_X","RECORD_ID":"1","RECORD_TYPE":"PERSON","NAMES":[{"NAME_TYPE":"PRIMARY","NAME_FULL":"A B"}]}` + "\n"))
	f.Add([]byte(`{"id":"x","schema":"Person","properties":{"name":["A B"]},"datasets":["d"]}` + "\n"))
	f.Add([]byte("Last Updated,13/04/2018\nName 6,Name 1\n"))
	f.Add([]byte(`<data-set><record><Entity>X</Entity><Schedule>1</Schedule><Item>1</Item></record></data-set>`))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("Report Date: 14-Apr-2025\nUnique ID,Name 6,Name type,Designation Type\nRUS1,A,Primary Name,Individual\n"))
	f.Add([]byte(`<Designations><Designation><UniqueID>R1</UniqueID><Names><Name><Name6>A</Name6></Name></Names><IndividualEntityShip>Ship</IndividualEntityShip></Designation></Designations>`))
	f.Add([]byte(`<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2022-03-18"><sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="A"/></sanctionEntity></export>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "list_2024-05-03.dat")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		l, err := Load(context.Background(), dir)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if n := len(l.Editions) + len(l.Failed) + len(l.Unrecognised); n != 1 {
			t.Fatalf("file accounted for %d times", n)
		}
		for _, ed := range l.Editions {
			s := ed.Snapshot
			if _, err := time.Parse(time.DateOnly, s.Edition); err != nil {
				t.Fatalf("edition %q: %v", s.Edition, err)
			}
			if s.Source == "" || len(s.Files) != 1 || s.Files[0].Size != int64(len(data)) {
				t.Fatalf("snapshot %+v", s)
			}
			for _, e := range s.All() {
				if e.List != s.Source {
					t.Fatalf("record of list %q in a %s snapshot", e.List, s.Source)
				}
			}
		}
	})
}

func FuzzNameDate(f *testing.F) {
	for _, s := range []string{"sdn_2024-05-03.csv", "20240503", "2024_02_30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d := nameDate(name)
		if d == "" {
			return
		}
		if len(d) != 10 || d[4] != '-' || d[7] != '-' {
			t.Fatalf("nameDate(%q) = %q", name, d)
		}
	})
}
