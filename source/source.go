// Package source knows where Vigil's watchlists come from and how to turn
// the publishers' files into snapshots: the registry of sources and their
// official download addresses, format detection by content, loading an
// edition completely, the sanity checks an edition must pass before it
// replaces the one in force, importing into the snapshot store, and
// fetching from the publishers.
package source

import "sort"

// Source is one list that Vigil can load, with where its publisher puts it.
type Source struct {
	// Name is the stable list name ("us_ofac_sdn"), used as entity.List
	// and snapshot.Source.
	Name string `json:"name"`
	// Title and Publisher describe the list for people.
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// Format is the name of the format its files are in (see Formats).
	Format string `json:"format,omitempty"`
	// Downloads are the official files of one edition. The addresses are
	// the publishers' own and change from time to time.
	Downloads []Download `json:"downloads,omitempty"`
	// Delta, for an OpenSanctions dataset ("os_" + its name) followed by
	// its delta versions, replaces Downloads.
	Delta *Delta `json:"delta,omitempty"`
	// Retired is the date ("YYYY-MM-DD") the publisher stopped the list,
	// "" for a list still published; ReplacedBy names the source that
	// took its place. A retired source is not fetched; its stored
	// editions stay in force until replaced or removed.
	Retired    string `json:"retired,omitempty"`
	ReplacedBy string `json:"replaced_by,omitempty"`
	// Auth, when set, sends an API token with every download of the source
	// (its files, or its delta index, full export and versions).
	Auth *Auth `json:"auth,omitempty"`
}

// Current returns the sources still published: those not retired.
func Current() []Source {
	var out []Source
	for _, s := range Sources() {
		if s.Retired == "" {
			out = append(out, s)
		}
	}
	return out
}

// Download is one file of a source's edition and where to fetch it.
type Download struct {
	URL string `json:"url"`
	// File is the name the file is saved under.
	File string `json:"file"`
}

const ofacExports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

// Sources returns the registry of known sources, sorted by name.
func Sources() []Source {
	s := []Source{
		{
			Name: "us_ofac_sdn", Title: "OFAC Specially Designated Nationals", Publisher: "US Treasury (OFAC)", Format: ofacFormat,
			Downloads: []Download{
				{ofacExports + "SDN.CSV", "sdn.csv"},
				{ofacExports + "ALT.CSV", "alt.csv"},
				{ofacExports + "ADD.CSV", "add.csv"},
				{ofacExports + "SDN_COMMENTS.CSV", "sdn_comments.csv"},
			},
		},
		{
			Name: "us_ofac_cons", Title: "OFAC non-SDN consolidated list", Publisher: "US Treasury (OFAC)", Format: ofacFormat,
			Downloads: []Download{
				{ofacExports + "CONS_PRIM.CSV", "cons_prim.csv"},
				{ofacExports + "CONS_ALT.CSV", "cons_alt.csv"},
				{ofacExports + "CONS_ADD.CSV", "cons_add.csv"},
				{ofacExports + "CONS_COMMENTS.CSV", "cons_comments.csv"},
			},
		},
		{
			Name: "un_sc", Title: "UN Security Council consolidated list", Publisher: "United Nations", Format: "un_xml",
			Downloads: []Download{{"https://scsanctions.un.org/resources/xml/en/consolidated.xml", "consolidated.xml"}},
		},
		{
			Name: "us_csl", Title: "US Consolidated Screening List", Publisher: "US International Trade Administration", Format: "csl_csv",
			Downloads: []Download{{"https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv", "consolidated.csv"}},
		},
		{
			Name: "us_bis_dpl", Title: "BIS Denied Persons List", Publisher: "US Bureau of Industry and Security", Format: "bis_dpl",
			Downloads: []Download{{"https://www.bis.doc.gov/dpl/dpl.txt", "dpl.txt"}},
		},
		{
			Name: "gb_hmt_ofsi", Title: "UK consolidated list of financial sanctions targets", Publisher: "HM Treasury (OFSI)", Format: "ofsi",
			Downloads: []Download{{"https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx", "ConList.xlsx"}},
			Retired:   "2026-01-28", ReplacedBy: "gb_fcdo_sanctions",
		},
		{
			// The FCDO publishes the list as CSV, XML, ODS and PDF; the XML
			// is fetched (one file per edition). The CSV is read too when
			// given.
			Name: "gb_fcdo_sanctions", Title: "UK Sanctions List", Publisher: "Foreign, Commonwealth and Development Office (FCDO)", Format: "fcdo",
			Downloads: []Download{{"https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml", "UK-Sanctions-List.xml"}},
		},
		{
			Name: "eu_fsf", Title: "EU consolidated list of persons, groups and entities subject to financial sanctions", Publisher: "European Commission (FISMA)", Format: "eu_xml",
			Downloads: []Download{{"https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw", "eu-fsf.xml"}},
		},
		{
			Name: "ca_sema", Title: "Canada consolidated autonomous sanctions list", Publisher: "Global Affairs Canada", Format: "sema_xml",
			Downloads: []Download{{"https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml", "sema-lmes.xml"}},
		},
		{
			Name: "au_dfat", Title: "Australia consolidated sanctions list", Publisher: "Department of Foreign Affairs and Trade", Format: "dfat_xlsx",
			Downloads: []Download{{"https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx", "regulation8_consolidated.xlsx"}},
		},
		{
			Name: "os_us_congress", Title: "OpenSanctions: US Congress members (PEPs)", Publisher: "OpenSanctions", Format: "senzing",
			Downloads: []Download{{"https://data.opensanctions.org/datasets/latest/us_congress/senzing.json", "us_congress.senzing.jsonl"}},
		},
	}
	sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	return s
}

// Lookup returns the registered source with the given name.
func Lookup(name string) (Source, bool) {
	for _, s := range Sources() {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}
