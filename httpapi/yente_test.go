package httpapi_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/httpapi"
)

// The request and response shapes below are written from yente's API
// documentation (its OpenAPI models EntityMatchQuery, EntityExample,
// EntityMatchResponse, EntityMatches, ScoredEntityResponse,
// EntityResponse, TotalSpec and SearchResponse): a yente client sends the
// first and reads the others, so Vigil must accept and answer them as
// they are.

// yenteMatchQuery is yente's documented example body of POST /match: a
// Person with a name, a birth date and a nationality, properties as
// arrays, and a second query with properties as plain strings (which
// yente's EntityExample also accepts).
const yenteMatchQuery = `{
  "queries": {
    "q1": {
      "schema": "Person",
      "properties": {
        "name": ["` + zawahiri + `"],
        "birthDate": ["1951-06-19"],
        "nationality": ["eg"]
      }
    },
    "q2": {
      "schema": "Person",
      "properties": {"name": "Maria Quarantotto Svensdottir", "birthDate": "1990"}
    }
  }
}`

// yenteEntity is yente's EntityResponse, as a client decodes it.
type yenteEntity struct {
	ID         *string             `json:"id"`
	Caption    *string             `json:"caption"`
	Schema     *string             `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"`
	Target     *bool               `json:"target"`
}

// yenteScored is yente's ScoredEntityResponse.
type yenteScored struct {
	yenteEntity
	Score    *float64           `json:"score"`
	Match    *bool              `json:"match"`
	Features map[string]float64 `json:"features"`
}

// yenteMatchResponse is yente's EntityMatchResponse.
type yenteMatchResponse struct {
	Responses map[string]struct {
		Status  *int          `json:"status"`
		Results []yenteScored `json:"results"`
		Total   *struct {
			Value    *int    `json:"value"`
			Relation *string `json:"relation"`
		} `json:"total"`
		Query *struct {
			Schema     string         `json:"schema"`
			Properties map[string]any `json:"properties"`
		} `json:"query"`
	} `json:"responses"`
	Matcher *struct {
		Name        string         `json:"name"`
		Description string         `json:"description"`
		Features    map[string]any `json:"features"`
	} `json:"matcher"`
	Limit *int `json:"limit"`
}

func checkEntityShape(t *testing.T, where string, e yenteEntity) {
	t.Helper()
	if e.ID == nil || *e.ID == "" || e.Caption == nil || *e.Caption == "" || e.Schema == nil || e.Target == nil {
		t.Errorf("%s: id, caption, schema and target are required: %+v", where, e)
	}
	if e.Properties == nil || e.Datasets == nil || e.Referents == nil {
		t.Errorf("%s: properties, datasets and referents must be present: %+v", where, e)
	}
}

// A yente client's match request, with yente's own "Authorization: ApiKey"
// header, is answered in yente's shape, with Vigil's explanation in the
// features and in full.
func TestYente_Match(t *testing.T) {
	eachStore(t, httpapi.Config{}, testYenteMatch)
}

func testYenteMatch(t *testing.T, e *sor) {
	before := e.auditCount(t)
	var resp yenteMatchResponse
	e.call(t, 200, "", "POST", "/match/default", yenteMatchQuery, &resp, "Authorization", "ApiKey "+e.keys["sam"])
	if resp.Limit == nil || *resp.Limit != 5 {
		t.Errorf("limit = %v, want yente's default 5", resp.Limit)
	}
	if resp.Matcher == nil || resp.Matcher.Name != "vigil" || resp.Matcher.Features == nil {
		t.Errorf("matcher = %+v", resp.Matcher)
	}
	q1, ok := resp.Responses["q1"]
	if !ok || q1.Status == nil || *q1.Status != 200 || q1.Total == nil || q1.Total.Value == nil || q1.Total.Relation == nil {
		t.Fatalf("responses.q1 = %+v", q1)
	}
	if *q1.Total.Value != len(q1.Results) || *q1.Total.Relation != "eq" {
		t.Errorf("total = %d %s with %d results", *q1.Total.Value, *q1.Total.Relation, len(q1.Results))
	}
	if q1.Query == nil || q1.Query.Schema != "Person" || q1.Query.Properties["birthDate"] == nil {
		t.Errorf("query echo = %+v", q1.Query)
	}
	if len(q1.Results) == 0 {
		t.Fatal("no result for Zawahiri")
	}
	top := q1.Results[0]
	checkEntityShape(t, "q1.results[0]", top.yenteEntity)
	if *top.ID != "un_sc-111923" || *top.Schema != "Person" || len(top.Datasets) != 1 || top.Datasets[0] != "un_sc" {
		t.Errorf("top result = %s %s %v", *top.ID, *top.Schema, top.Datasets)
	}
	if len(top.Properties["name"]) == 0 || !contains(top.Properties["birthDate"], "1951-06-19") || !contains(top.Properties["nationality"], "eg") {
		t.Errorf("top result properties = %v", top.Properties)
	}
	if top.Score == nil || *top.Score < 0.9 || top.Match == nil || !*top.Match {
		t.Errorf("top score %v match %v", top.Score, top.Match)
	}
	if top.Features["name_score"] <= 0 || top.Features["date_of_birth"] <= 0 || top.Features["nationality"] <= 0 {
		t.Errorf("features = %v, want the name score and the agreeing date of birth and nationality", top.Features)
	}
	for i, r := range q1.Results[1:] {
		if *r.Score > *q1.Results[i].Score {
			t.Errorf("results not sorted by score: %v after %v", *r.Score, *q1.Results[i].Score)
		}
	}
	q2 := resp.Responses["q2"]
	if q2.Status == nil || *q2.Status != 200 || q2.Results == nil || len(q2.Results) != 0 || *q2.Total.Value != 0 {
		t.Errorf("responses.q2 (no one) = %+v", q2)
	}
	// Vigil's explanation rides along in full: its terms add up to the score.
	_, raw := e.send(t, "sam", "POST", "/match/default", yenteMatchQuery)
	var full struct {
		Responses map[string]struct {
			Results []struct {
				Score       float64 `json:"score"`
				Explanation struct {
					NameScore  float64 `json:"name_score"`
					Qualifiers []struct {
						Attribute string  `json:"attribute"`
						Effect    float64 `json:"effect"`
					} `json:"qualifiers"`
				} `json:"explanation"`
			} `json:"results"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(raw, &full); err != nil {
		t.Fatal(err)
	}
	ex := full.Responses["q1"].Results[0]
	sum := ex.Explanation.NameScore
	for _, q := range ex.Explanation.Qualifiers {
		sum += q.Effect
	}
	if min(sum, 1) < ex.Score-0.01 || min(sum, 1) > ex.Score+0.01 {
		t.Errorf("explanation adds up to %.4f, score %.4f", sum, ex.Score)
	}
	// Each name screened is an audited ad hoc screening (two requests of
	// two queries of one name each).
	if got := e.auditCount(t) - before; got != 4 {
		t.Errorf("%d audit entries for two match requests, want 4", got)
	}
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// Aliases are screened too: a query whose first name matches nothing still
// finds the record under its alias; the parameters limit, threshold,
// cutoff, algorithm and the dataset in the path act as in yente.
func TestYente_MatchParams(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	body := func(props string) string {
		return `{"queries": {"a": {"schema": "Person", "properties": ` + props + `}}}`
	}
	var resp yenteMatchResponse
	e.call(t, 200, "sam", "POST", "/match/default", body(`{"name": ["Nobody Quarantotto", "`+zawahiri+`"]}`), &resp)
	if r := resp.Responses["a"].Results; len(r) == 0 || *r[0].ID != "un_sc-111923" {
		t.Errorf("alias query: %+v", r)
	}
	e.call(t, 200, "sam", "POST", "/match/un_sc?limit=1&algorithm=logic-v1", body(`{"name": ["Ayman al-Zawahiri"]}`), &resp)
	if r := resp.Responses["a"].Results; len(r) != 1 || *resp.Limit != 1 {
		t.Errorf("limit=1: %d results, limit %v", len(r), *resp.Limit)
	}
	// A threshold above every score: results are still reported down to the
	// cutoff, none a match.
	e.call(t, 200, "sam", "POST", "/match/default?threshold=0.9999&cutoff=0.5", body(`{"name": ["Ayman Zawahiri"], "birthDate": ["1960"]}`), &resp)
	r := resp.Responses["a"].Results
	if len(r) == 0 {
		t.Fatal("cutoff=0.5 gave no results")
	}
	for _, x := range r {
		if *x.Match != (*x.Score >= 0.9999) || *x.Score < 0.5 {
			t.Errorf("score %v match %v with threshold 0.9999, cutoff 0.5", *x.Score, *x.Match)
		}
	}
	// exclude_entity_ids drops the record.
	e.call(t, 200, "sam", "POST", "/match/default?exclude_entity_ids=un_sc-111923", body(`{"name": ["`+zawahiri+`"]}`), &resp)
	for _, x := range resp.Responses["a"].Results {
		if *x.ID == "un_sc-111923" {
			t.Error("exclude_entity_ids did not exclude")
		}
	}
}

// Bad requests get 400 (404 for an unknown dataset) naming the query and
// the property, with yente's "detail" beside Vigil's error.
func TestYente_BadRequests(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	q := func(ex string) string { return `{"queries": {"x1": ` + ex + `}}` }
	for _, tc := range []struct {
		path, body string
		code       int
		field      string
	}{
		{"/match/default", q(`{"schema": "Address", "properties": {"full": ["1 Main St"]}}`), 400, "queries.x1.schema"},
		{"/match/default", q(`{"properties": {"name": ["x y"]}}`), 400, "queries.x1.schema"},
		{"/match/default", q(`{"schema": "Person", "properties": {"name": [{"a": 1}]}}`), 400, "queries.x1.properties.name"},
		{"/match/default", q(`{"schema": "Person", "properties": {"name": true}}`), 400, "queries.x1.properties.name"},
		{"/match/default", q(`{"schema": "Person", "properties": {"birthDate": ["1951"]}}`), 400, "queries.x1.properties.name"},
		{"/match/default", q(`{"schema": "Person", "properties": {"name": ["x y"], "birthDate": ["19th of June"]}}`), 400, "queries.x1.properties.birthDate"},
		{"/match/default", q(`{"schema": "Person", "properties": {"name": ["x y"]}, "bogus": 1}`), 400, "queries.x1.bogus"},
		{"/match/default", `{"queries": {"x1": {"schema": "Person", "properties": {"name": ["x y"]}}}`, 400, ""},
		{"/match/default", `{}`, 400, "queries"},
		{"/match/default", `{"queries": []}`, 400, "queries"},
		{"/match/default?limit=0", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "limit"},
		{"/match/default?limit=101", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "limit"},
		{"/match/default?threshold=1.5", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "threshold"},
		{"/match/default?cutoff=0", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "cutoff"},
		{"/match/default?algorithm=magic", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "algorithm"},
		{"/match/default?topics=sanction", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "topics"},
		{"/match/nosuchlist", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 404, ""},
		{"/match/default?exclude_dataset=un_sc", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), 400, "exclude_dataset"},
	} {
		code, raw := e.send(t, "sam", "POST", tc.path, tc.body)
		var v struct {
			Error struct {
				Field   string `json:"field"`
				Message string `json:"message"`
			} `json:"error"`
			Detail string `json:"detail"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s: %v: %s", tc.path, tc.body, err, raw)
		}
		if code != tc.code || v.Error.Field != tc.field || v.Detail == "" {
			t.Errorf("%s %s = %d field %q detail %q, want %d field %q: %s", tc.path, tc.body, code, v.Error.Field, v.Detail, tc.code, tc.field, raw)
		}
	}
	// Authentication: yente's ApiKey scheme and Bearer work; others do not.
	for _, h := range []string{"Basic " + e.keys["sam"], "ApiKey", "ApiKey wrong"} {
		if code, raw := e.send(t, "", "POST", "/match/default", q(`{"schema": "Person", "properties": {"name": ["x y"]}}`), "Authorization", h); code != 401 {
			t.Errorf("Authorization %q = %d, want 401: %s", h, code, raw)
		}
	}
}

// GET /entities/{id} answers the record /match pointed to, as an FtM
// entity; /search screens q as a name.
func TestYente_EntitiesAndSearch(t *testing.T) {
	e := newSOR(t, httpapi.Config{})
	var ent yenteEntity
	e.call(t, 200, "sam", "GET", "/entities/un_sc-111923", "", &ent, "Authorization", "ApiKey "+e.keys["sam"])
	checkEntityShape(t, "entity", ent)
	if *ent.ID != "un_sc-111923" || *ent.Schema != "Person" || !strings.Contains(strings.ToUpper(*ent.Caption), "ZAWAHIRI") {
		t.Errorf("entity = %s %s %s", *ent.ID, *ent.Schema, *ent.Caption)
	}
	for _, id := range []string{"un_sc-0", "111923", "nosuch-111923", "un_sc-"} {
		code, raw := e.send(t, "sam", "GET", "/entities/"+url.PathEscape(id), "")
		if code != 404 || !strings.Contains(string(raw), `"detail"`) {
			t.Errorf("entity %q = %d: %s", id, code, raw)
		}
	}
	var sr struct {
		Results []yenteScored `json:"results"`
		Total   struct {
			Value int `json:"value"`
		} `json:"total"`
		Limit  int            `json:"limit"`
		Offset int            `json:"offset"`
		Facets map[string]any `json:"facets"`
	}
	e.call(t, 200, "sam", "GET", "/search/default?q="+url.QueryEscape(zawahiri)+"&schema=Person", "", &sr)
	if len(sr.Results) == 0 || *sr.Results[0].ID != "un_sc-111923" || sr.Limit != 10 || sr.Facets == nil || sr.Total.Value != len(sr.Results) {
		t.Errorf("search = %+v", sr)
	}
	if code, _ := e.send(t, "sam", "GET", "/search/default", ""); code != 400 {
		t.Errorf("search without q = %d, want 400", code)
	}
	var alg struct {
		Algorithms []struct{ Name string } `json:"algorithms"`
		Default    string                  `json:"default"`
	}
	e.call(t, 200, "", "GET", "/algorithms", "", &alg)
	if alg.Default != "vigil" || len(alg.Algorithms) != 1 {
		t.Errorf("algorithms = %+v", alg)
	}
}
