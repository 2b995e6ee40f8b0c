package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/subject"
)

type screenData struct {
	Input    vigil.SubjectInput
	Recorded *service.Recorded
	Result   *vigil.Result
	Errors   []string
}

func (h *Handler) screenForm(pg *page) error {
	if !auth.Allowed(pg.p, auth.ActionScreen) {
		return apperr.New(apperr.Forbidden, "%s may not screen: the roles %v do not allow it", pg.p.Username, pg.p.Roles)
	}
	return h.render(pg, http.StatusOK, "screen", view{Title: "Screen", Nav: "screen", Data: screenData{}})
}

// screenOne screens the subject of the form: recorded (raising alerts)
// when it names a subject id, ad hoc otherwise.
func (h *Handler) screenOne(pg *page) error {
	f := pg.r.PostForm
	in := vigil.SubjectInput{Type: f.Get("type"), Name: strings.TrimSpace(f.Get("name")), DateOfBirth: f.Get("date_of_birth"),
		Gender: f.Get("gender"), Nationality: f.Get("nationality"), Country: f.Get("country"), Passport: f.Get("passport")}
	d := screenData{Input: in}
	id := strings.TrimSpace(f.Get("subject_id"))
	sub, err := in.Subject(id)
	if err != nil {
		if apperr.CodeOf(err) != apperr.Invalid {
			return err
		}
		d.Errors = append(d.Errors, apperr.MessageOf(err))
		return h.render(pg, http.StatusBadRequest, "screen", view{Title: "Screen", Nav: "screen", Data: d})
	}
	ctx := pg.r.Context()
	if id != "" {
		rec, err := h.svc.RecordScreening(ctx, pg.p, id, sub, f.Get("idem"))
		if err != nil {
			return err
		}
		d.Recorded = rec
	} else {
		res, err := h.svc.Screen(ctx, pg.p, sub, vigil.Options{}, f.Get("idem"))
		if err != nil {
			return err
		}
		d.Result = &res
	}
	return h.render(pg, http.StatusOK, "screen", view{Title: "Screen", Nav: "screen", Data: d})
}

// A batch is a file of subjects screened in the background of this
// process, in chunks (each audited as ad hoc screenings), whose page
// polls its progress and offers its results as CSV or XLSX.
type batch struct {
	ID      string
	Owner   int64
	Name    string
	Started time.Time

	mu       sync.Mutex
	total    int
	done     int
	finished bool
	err      string
	results  []vigil.Result
}

type batchStatus struct {
	Total    int    `json:"total"`
	Done     int    `json:"done"`
	Finished bool   `json:"finished"`
	Error    string `json:"error,omitempty"`
	Hits     int    `json:"subjects_with_hits"`
	Failed   int    `json:"rows_failed"`
}

func (b *batch) status() batchStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := batchStatus{Total: b.total, Done: b.done, Finished: b.finished, Error: b.err}
	for _, r := range b.results {
		if r.Error != "" {
			st.Failed++
		} else if len(r.Hits) > 0 {
			st.Hits++
		}
	}
	return st
}

// batches are the batches of this process; finished ones are forgotten
// after an hour.
type batches struct {
	mu  sync.Mutex
	all map[string]*batch
	now func() time.Time
}

func newBatches(now func() time.Time) *batches { return &batches{all: map[string]*batch{}, now: now} }

func (bs *batches) add(b *batch) error {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	running := 0
	for id, o := range bs.all {
		o.mu.Lock()
		old, fin := bs.now().Sub(o.Started) > time.Hour, o.finished
		o.mu.Unlock()
		if old && fin {
			delete(bs.all, id)
		} else if !fin && o.Owner == b.Owner {
			running++
		}
	}
	if running >= 2 {
		return apperr.New(apperr.Conflict, "you have two batches running already: wait for one to finish")
	}
	bs.all[b.ID] = b
	return nil
}

func (bs *batches) get(id string, owner int64) (*batch, error) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b, ok := bs.all[id]
	if !ok || b.Owner != owner {
		return nil, apperr.New(apperr.NotFound, "no batch %q of yours on this server (batches are kept for an hour)", id)
	}
	return b, nil
}

// batchChunk is how many subjects one ScreenBatch call screens.
const batchChunk = 100

// MaxBatchRows is the most subjects one uploaded file may hold.
const MaxBatchRows = 50000

func (h *Handler) batchUpload(pg *page) error {
	if !auth.Allowed(pg.p, auth.ActionScreen) {
		return apperr.New(apperr.Forbidden, "%s may not screen: the roles %v do not allow it", pg.p.Username, pg.p.Roles)
	}
	file, hdr, err := pg.r.FormFile("file")
	if err != nil {
		return apperr.Field("file", "choose a CSV or JSON Lines file of subjects")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, h.maxUpload+1))
	if err != nil {
		return apperr.Field("file", "unreadable upload: %v", err)
	}
	if int64(len(data)) > h.maxUpload {
		return apperr.New(apperr.TooLarge, "the file is larger than %d MiB", h.maxUpload>>20)
	}
	name := hdr.Filename
	if len(name) > 200 {
		name = name[:200]
	}
	rd, err := subject.NewReader(bytes.NewReader(data), name, subject.FormatAuto)
	if err != nil {
		return apperr.Field("file", "%v", err)
	}
	var rows []subject.Row
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return apperr.Field("file", "%v", err)
		}
		if len(rows) == MaxBatchRows {
			return apperr.New(apperr.TooLarge, "%s has more than %d subjects: split it", name, MaxBatchRows)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return apperr.Field("file", "%s holds no subjects", name)
	}
	b := &batch{ID: randomString()[:16], Owner: pg.p.UserID, Name: name, Started: h.now(), total: len(rows)}
	if err := h.batches.add(b); err != nil {
		return err
	}
	// The batch outlives the request; it stops with the server's base
	// context only through its own timeout.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(pg.r.Context()), time.Hour)
	go func() {
		defer cancel()
		h.runBatch(ctx, pg.p, b, rows)
	}()
	return redirect(pg, "/screen/batch/"+b.ID, "")
}

func (h *Handler) runBatch(ctx context.Context, p auth.Principal, b *batch, rows []subject.Row) {
	defer func() {
		if v := recover(); v != nil {
			h.log.Error("batch panicked", "batch", b.ID, "panic", v)
			b.mu.Lock()
			b.finished, b.err = true, "the batch stopped on an internal error; the log has the details"
			b.mu.Unlock()
		}
	}()
	for start := 0; start < len(rows); start += batchChunk {
		chunk := rows[start:min(start+batchChunk, len(rows))]
		var subs []vigil.Subject
		out := make([]vigil.Result, len(chunk))
		var at []int
		for i, r := range chunk {
			if r.Err != nil {
				out[i] = vigil.Result{ID: r.Subject.ID, Error: r.Err.Error()}
				continue
			}
			subs = append(subs, r.Subject)
			at = append(at, i)
		}
		if len(subs) > 0 {
			res, err := h.svc.ScreenBatch(ctx, p, subs, vigil.Options{})
			if err != nil {
				h.log.Error("batch failed", "batch", b.ID, "err", err)
				b.mu.Lock()
				b.finished, b.err = true, fmt.Sprintf("screening stopped after %d of %d subjects: %s", b.done, b.total, apperr.MessageOf(err))
				b.mu.Unlock()
				return
			}
			for j, r := range res {
				out[at[j]] = r
			}
		}
		b.mu.Lock()
		b.results = append(b.results, out...)
		b.done += len(chunk)
		b.mu.Unlock()
	}
	b.mu.Lock()
	b.finished = true
	b.mu.Unlock()
}

func (h *Handler) batchPage(pg *page) error {
	b, err := h.batches.get(pg.r.PathValue("id"), pg.p.UserID)
	if err != nil {
		return err
	}
	return h.render(pg, http.StatusOK, "batch", view{Title: "Batch " + b.Name, Nav: "screen",
		Data: map[string]any{"Batch": b, "Status": b.status()}})
}

func (h *Handler) batchStatus(pg *page) error {
	b, err := h.batches.get(pg.r.PathValue("id"), pg.p.UserID)
	if err != nil {
		return err
	}
	pg.w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(pg.w).Encode(b.status())
}

// resultRows are the batch's results as table rows: one per hit, or one
// per subject without hits or with an error.
func resultRows(results []vigil.Result) [][]string {
	out := [][]string{{"subject_id", "error", "score", "list", "source_id", "listed_name", "matched_name", "warnings"}}
	for _, r := range results {
		warn := strings.Join(r.Warnings, "; ")
		if r.Error != "" {
			out = append(out, []string{r.ID, r.Error, "", "", "", "", "", warn})
			continue
		}
		if len(r.Hits) == 0 {
			out = append(out, []string{r.ID, "", "", "", "", "", "", warn})
		}
		for _, hit := range r.Hits {
			out = append(out, []string{r.ID, "", strconv.FormatFloat(hit.Score, 'f', 3, 64), hit.List, hit.SourceID,
				hit.Name, hit.MatchedName, warn})
		}
	}
	return out
}

// csvSafe keeps a cell from being read as a formula by a spreadsheet.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (h *Handler) batchResults(pg *page) error {
	b, err := h.batches.get(pg.r.PathValue("id"), pg.p.UserID)
	if err != nil {
		return err
	}
	b.mu.Lock()
	fin := b.finished
	rows := resultRows(b.results)
	b.mu.Unlock()
	if !fin {
		return apperr.New(apperr.Conflict, "the batch is still running")
	}
	base := strings.TrimSuffix(b.Name, ".csv") + "-results"
	switch pg.r.PathValue("file") {
	case "results.csv":
		pg.w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		pg.w.Header().Set("Content-Disposition", `attachment; filename="`+safeFilename(base)+`.csv"`)
		w := csv.NewWriter(pg.w)
		for _, r := range rows {
			for i := range r {
				r[i] = csvSafe(r[i])
			}
			if err := w.Write(r); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	case "results.xlsx":
		x := excelize.NewFile()
		defer x.Close()
		sw, err := x.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		for i, r := range rows {
			cells := make([]any, len(r))
			for j, v := range r {
				cells[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		pg.w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		pg.w.Header().Set("Content-Disposition", `attachment; filename="`+safeFilename(base)+`.xlsx"`)
		return x.Write(pg.w)
	}
	return apperr.New(apperr.NotFound, "results come as .csv or .xlsx")
}

func safeFilename(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, s)
}
