// Package eu reads the EU consolidated list of persons, groups and
// entities subject to financial sanctions (the "FSF" list of the
// European Commission, XML format 1.1) into entities of list "eu_fsf".
//
// The file is an <export> (namespace http://eu.europa.ec/fpi/fsd/export,
// attribute generationDate) of <sanctionEntity> elements, whose content
// is almost all in attributes:
//
//	<sanctionEntity logicalId="13" euReferenceNumber="EU.27.28" unitedNationId="" designationDate="..." designationDetails="...">
//	  <remark>..</remark>
//	  <regulation programme="IRQ" publicationDate="2003-07-08" numberTitle="1210/2003 (OJ L169)" ...><publicationUrl/></regulation>
//	  <subjectType code="person|enterprise" classificationCode="P|E"/>
//	  <nameAlias wholeName firstName middleName lastName gender="M|F" title function nameLanguage strong="true|false" .../>
//	  <citizenship countryIso2Code countryDescription .../>
//	  <birthdate birthdate="1937-04-28" dayOfMonth monthOfYear year yearRangeFrom yearRangeTo circa calendarType city place region countryIso2Code .../>
//	  <identification identificationTypeCode="passport|id|regnumber|..." number latinNumber issuedBy countryIso2Code validFrom validTo issueDate knownFalse ...><remark/></identification>
//	  <address street city zipCode poBox region place countryIso2Code asAtListingTime ...><contactInfo key="PHONE|FAX|EMAIL|WEB" value/></address>
//	</sanctionEntity>
//
// A record's ID is its logicalId, the EU's stable identifier; its
// euReferenceNumber ("EU.27.28") is kept under scheme "eu_reference" and
// its unitedNationId under "un_reference". A person listed under two
// regimes appears as two sanctionEntity elements with the same logicalId
// (20 times in 2022, under AFG and TAQA): they are one record, each
// distinct value kept once; the two must agree on the subject type. The first name in the
// regulation's own language (nameLanguage empty) is the primary name;
// the others, translations included, are aliases (weak when strong is
// "false"). The file is read as a stream, one sanctionEntity at a time,
// with the limits of package xmlnode (no DTD, no entity expansion,
// bounded text, attributes and nesting); a file cut short is an error
// naming the element and the record it was cut in.
package eu

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// List is the list name of the records this package reads.
const List = "eu_fsf"

// Namespace is the XML namespace of the export.
const Namespace = "http://eu.europa.ec/fpi/fsd/export"

const rootName = "export"

// Read parses the EU list at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "eu", path, Parse, emit)
}

// ReadEdition parses the list at path like Read and also returns its
// generationDate as "YYYY-MM-DD", from the same single pass.
func ReadEdition(ctx context.Context, path string, emit reader.Emit) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("eu: %w", err)
	}
	defer f.Close()
	return parse(ctx, f, path, emit)
}

// Parse reads the EU list from r, naming it name in errors, and emits
// one entity per sanctionEntity.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	_, err := parse(ctx, r, name, emit)
	return err
}

func parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) (string, error) {
	d := xmlnode.NewDecoder(r, name)
	root, err := d.RootNamed(rootName)
	if err != nil {
		return "", err
	}
	if root.Name.Space != Namespace {
		return "", d.Errorf("root element <export> in namespace %q, want %q", root.Name.Space, Namespace)
	}
	edition, err := generationDate(root)
	if err != nil {
		return "", d.Errorf("%v", err)
	}
	recs := newRecords()
	for {
		start, line, ok, err := d.Next()
		if err != nil {
			return "", err
		}
		if !ok {
			break
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if start.Name.Local != "sanctionEntity" {
			return "", reader.Errorf(name, line, "unexpected <%s> in <export>", start.Name.Local)
		}
		n, err := d.Element(start, line)
		if err != nil {
			return "", inRecord(err, start, line)
		}
		if err := recs.add(n, name); err != nil {
			return "", err
		}
	}
	if len(recs.order) == 0 {
		return "", reader.Errorf(name, d.Line(), "no sanctionEntity: not a list")
	}
	if err := d.End(); err != nil {
		return "", err
	}
	return edition, recs.emit(emit)
}

// inRecord adds to an error inside a sanctionEntity which one it was: a
// file cut short names the element and the record it was cut in.
func inRecord(err error, start xml.StartElement, line int) error {
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.Record != "" {
		return err
	}
	for _, a := range start.Attr {
		if a.Name.Local == "logicalId" {
			pe.Record = a.Value
		}
	}
	pe.Err = fmt.Errorf("%w (in the sanctionEntity starting at line %d)", pe.Err, line)
	return err
}

// generationDate reads the export's generationDate,
// "2022-03-18T14:52:26.947+01:00", as "2022-03-18".
func generationDate(root xml.StartElement) (string, error) {
	for _, a := range root.Attr {
		if a.Name.Local != "generationDate" {
			continue
		}
		d, err := loosedate.Parse(a.Value)
		if err != nil || d.Day == 0 || d.IsRange() || d.Circa {
			return "", fmt.Errorf("generationDate %q is not a date", a.Value)
		}
		return d.String(), nil
	}
	return "", nil
}

// Detect reports whether head, the first bytes of a file, is the EU
// list: its root element is <export> in the EU's namespace.
func Detect(head []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(xmlnode.DetectHead(head)))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != rootName {
				return false
			}
			for _, a := range t.Attr {
				if (a.Name.Space == "" && a.Name.Local == "xmlns" || a.Name.Space == "xmlns") && strings.TrimSpace(a.Value) == Namespace {
					return true
				}
			}
			return false
		case xml.Directive:
			return false
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}
