package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// networkCommand is the relationship graph (docs/networks.md).
func networkCommand(e *env) *cli.Command {
	jsonFlag := &cli.BoolFlag{Name: "json", Usage: "print JSON instead of text"}
	typesFlag := &cli.StringFlag{Name: "types", Usage: "comma-separated relation types to follow (default all)"}
	print := func(cmd *cli.Command, v any, text func() string) error {
		if cmd.Bool("json") {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		}
		_, err := fmt.Fprint(e.stdout, text())
		return err
	}
	return &cli.Command{
		Name:  "network",
		Usage: "the relationship graph: exposure to listed records, ownership, clusters, the organisation's links",
		Commands: []*cli.Command{
			{
				Name:      "exposure",
				Usage:     "every path from a node (subject:ID or LIST/ID) to a listed record, ranked, with each edge's provenance; --within: everyone near a listed record",
				ArgsUsage: "NODE",
				Flags: []cli.Flag{&cli.IntFlag{Name: "hops", Value: network.DefaultHops, Usage: "longest path, 1 to 4"},
					&cli.IntFlag{Name: "limit", Value: 20, Usage: "paths (or nodes) shown"},
					&cli.BoolFlag{Name: "within", Usage: "list everyone within --hops of the node instead"}, typesFlag, jsonFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return fmt.Errorf("network exposure: want one node: subject:ID or LIST/ID")
					}
					types, err := parseTypes(cmd.String("types"))
					if err != nil {
						return err
					}
					q := network.Query{From: cmd.Args().First(), Hops: int(cmd.Int("hops")), Limit: int(cmd.Int("limit")), Types: types}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						if cmd.Bool("within") {
							n, err := svc.Neighbourhood(ctx, operator(), q)
							if err != nil {
								return err
							}
							return print(cmd, n, n.Text)
						}
						x, err := svc.Exposure(ctx, operator(), q)
						if err != nil {
							return err
						}
						return print(cmd, x, x.Text)
					})
				},
			},
			{
				Name: "import",
				Usage: "import a CSV file of edges (from,to,relation[,share,confidence,start,end,source,date,note]) " +
					"or of contact values (subject,kind,value[,source]): the whole file or nothing",
				ArgsUsage: "FILE",
				// Fault injection for the tests that kill the command between
				// the commit of the edges and their network alerts.
				Flags: []cli.Flag{&cli.DurationFlag{Name: "vet-delay", Hidden: true}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return fmt.Errorf("network import: want one CSV file")
					}
					path := cmd.Args().First()
					f, err := os.Open(path)
					if err != nil {
						return fmt.Errorf("network import: %w", err)
					}
					defer f.Close()
					// A file over the limit is refused before a byte is read
					// (the reader refuses a stream at the byte past it).
					if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > network.MaxImportBytes {
						return fmt.Errorf("network import: %w", &network.TooLargeError{File: path, Size: fi.Size()})
					}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						res, err := svc.ImportNetwork(ctx, operator(), f, path)
						if err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "%s: %d %s added, %d already recorded, %d network alert(s) raised\n", path, res.Added, res.Kind, res.Existing, len(res.Alerts))
						return nil
					}, func(c *service.Config) { c.NetworkVetDelay = cmd.Duration("vet-delay") })
				},
			},
			{
				Name:      "ownership",
				Usage:     "who owns a node, directly and through chains, and OFAC's 50 percent rule with its computation; --all: every entity the rule blocks",
				ArgsUsage: "[NODE]",
				Flags:     []cli.Flag{&cli.StringFlag{Name: "as-of", Usage: "the date (YYYY-MM-DD; default today)"}, &cli.BoolFlag{Name: "all"}, jsonFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.Bool("all") == (cmd.NArg() == 1) || cmd.NArg() > 1 {
						return fmt.Errorf("network ownership: want one node, or --all")
					}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						if cmd.Bool("all") {
							all, err := svc.FiftyPercent(ctx, operator(), cmd.String("as-of"))
							if err != nil {
								return err
							}
							return print(cmd, all, func() string {
								var b strings.Builder
								fmt.Fprintf(&b, "%d entit(ies) blocked or undetermined under the 50 percent rule\n", len(all))
								for _, o := range all {
									b.WriteString("\n" + o.Text())
								}
								return b.String()
							})
						}
						o, err := svc.Ownership(ctx, operator(), cmd.Args().First(), cmd.String("as-of"))
						if err != nil {
							return err
						}
						return print(cmd, o, o.Text)
					})
				},
			},
			{
				Name:  "clusters",
				Usage: "groups connected through the same people, phones, addresses or documents, with their hubs",
				Flags: []cli.Flag{typesFlag, &cli.IntFlag{Name: "min-size", Value: 2}, &cli.IntFlag{Name: "limit", Value: 20},
					&cli.IntFlag{Name: "hubs", Value: 3}, &cli.BoolFlag{Name: "communities", Usage: "group by community instead of connected component"}, jsonFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					types, err := parseTypes(cmd.String("types"))
					if err != nil {
						return err
					}
					q := network.ClusterQuery{Types: types, MinSize: int(cmd.Int("min-size")), Limit: int(cmd.Int("limit")), Hubs: int(cmd.Int("hubs")), Members: 10, Communities: cmd.Bool("communities")}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						c, err := svc.Clusters(ctx, operator(), q)
						if err != nil {
							return err
						}
						return print(cmd, c, func() string { return clustersText(c) })
					})
				},
			},
			{
				Name:      "export",
				Usage:     "write the graph within --hops of a node as GraphML (Gephi, yEd) or FollowTheMoney JSON lines",
				ArgsUsage: "NODE",
				Flags: []cli.Flag{&cli.IntFlag{Name: "hops", Value: network.DefaultHops}, &cli.IntFlag{Name: "limit", Value: 10_000, Usage: "most nodes"},
					&cli.StringFlag{Name: "format", Value: "graphml", Usage: "graphml or ftm"}, typesFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.NArg() != 1 {
						return fmt.Errorf("network export: want one node")
					}
					if f := cmd.String("format"); f != "graphml" && f != "ftm" {
						return fmt.Errorf("network export: --format %q: want graphml or ftm", f)
					}
					types, err := parseTypes(cmd.String("types"))
					if err != nil {
						return err
					}
					q := network.Query{From: cmd.Args().First(), Hops: int(cmd.Int("hops")), Limit: int(cmd.Int("limit")), Types: types}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						sub, err := svc.NetworkExport(ctx, operator(), q)
						if err != nil {
							return err
						}
						if cmd.String("format") == "ftm" {
							return sub.WriteFtM(e.stdout)
						}
						return sub.WriteGraphML(e.stdout)
					})
				},
			},
			{
				Name:  "vet",
				Usage: "raise network alerts for every subject whose links now reach a listed record (done by itself when the lists change)",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						ids, err := svc.NetworkVet(ctx, operator())
						if err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "%d network alert(s) raised\n", len(ids))
						return nil
					})
				},
			},
			{
				Name:  "vets",
				Usage: "show the network vets (the network alerts changes owe): pending, done, or failed after every attempt of their job",
				Flags: []cli.Flag{&cli.StringFlag{Name: "status", Usage: "only vets in this state: pending, done or failed"}, jsonFlag},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return withService(ctx, e, cmd, func(svc *service.Service) error {
						vets, err := svc.NetworkVets(ctx, operator(), cmd.String("status"))
						if err != nil {
							return fmt.Errorf("network vets: %w", err)
						}
						if cmd.Bool("json") {
							enc := json.NewEncoder(e.stdout)
							enc.SetIndent("", "  ")
							return enc.Encode(vets)
						}
						printNetworkVets(e.stdout, vets)
						return nil
					})
				},
				Commands: []*cli.Command{{
					Name:      "retry",
					Usage:     "put a failed network vet back to be tried again (its job queued; audited)",
					ArgsUsage: "VET-ID",
					Action: func(ctx context.Context, cmd *cli.Command) error {
						id, err := strconv.ParseInt(cmd.Args().First(), 10, 64)
						if cmd.NArg() != 1 || err != nil || id <= 0 {
							return fmt.Errorf("network vets retry: want one network vet id")
						}
						return withService(ctx, e, cmd, func(svc *service.Service) error {
							if _, err := svc.RetryNetworkVet(ctx, operator(), id); err != nil {
								return fmt.Errorf("network vets retry: %w", err)
							}
							fmt.Fprintf(e.stdout, "network vet %d queued again\n", id)
							return nil
						})
					},
				}},
			},
			{
				Name:      "retract",
				Usage:     "retract an asserted edge (it stays stored, with the reason)",
				ArgsUsage: "EDGE-ID",
				Flags:     []cli.Flag{&cli.StringFlag{Name: "reason", Required: true}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					id, err := strconv.ParseInt(cmd.Args().First(), 10, 64)
					if cmd.NArg() != 1 || err != nil || id <= 0 {
						return fmt.Errorf("network retract: want one edge id")
					}
					return withNetwork(ctx, e, cmd, func(svc *service.Service) error {
						_, err := svc.RetractEdge(ctx, operator(), id, cmd.String("reason"))
						return err
					})
				},
			},
		},
	}
}

// withNetwork runs fn with a service over the database, with the lists
// in force loaded (the graph's listed records come from them).
func withNetwork(ctx context.Context, e *env, cmd *cli.Command, fn func(svc *service.Service) error, opts ...func(*service.Config)) error {
	return withService(ctx, e, cmd, func(svc *service.Service) error {
		if err := svc.LoadStored(ctx); err != nil {
			return err
		}
		return fn(svc)
	}, opts...)
}

func parseTypes(s string) ([]network.Relation, error) {
	if s == "" {
		return nil, nil
	}
	var out []network.Relation
	for t := range strings.SplitSeq(s, ",") {
		r, err := network.ParseRelation(t)
		if err != nil {
			return nil, fmt.Errorf("--types: %w", err)
		}
		out = append(out, r)
	}
	return out, nil
}

func clustersText(c *network.Clusters) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d cluster(s), %d communities, modularity %.3f\n", c.Components, c.Communities, c.Modularity)
	for _, cl := range c.Clusters {
		fmt.Fprintf(&b, "%d. %d nodes (%d subjects, %d listed), %d edges, %d communities\n", cl.ID, cl.Size, cl.Subjects, cl.Listed, cl.Edges, cl.Communities)
		for _, h := range cl.Hubs {
			name := h.Node.Name
			if name == "" {
				name = h.Node.ID
			}
			fmt.Fprintf(&b, "     hub %s [%s]: %d links (%.0f%% of the cluster's)\n", name, h.Node.ID, h.Degree, h.Share*100)
		}
	}
	return b.String()
}

// printNetworkVets prints the vets as a table: a failed one with its
// attempts and last error.
func printNetworkVets(w io.Writer, vets []*store.NetworkVet) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VET\tKIND\tCAUSE\tSTATUS\tALERTS\tATTEMPTS\tCREATED\tERROR")
	for _, v := range vets {
		cause := fmt.Sprintf("%d subject(s)", len(v.Subjects))
		if v.Kind == store.NetVetLists {
			cause = strings.TrimSpace(v.Source + " " + v.Edition)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", v.ID, v.Kind, cause, v.Status, len(v.Alerts), v.Attempts,
			v.CreatedAt.Format(time.RFC3339), firstLine(v.Error))
	}
	tw.Flush()
	if len(vets) == 0 {
		fmt.Fprintln(w, "no network vets")
	}
}
