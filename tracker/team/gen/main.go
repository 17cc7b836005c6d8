// Command gen writes synthetic share files for the team report's tests and
// benchmark:
//
//	go run ./tracker/team/gen -people 1000 -weeks 52 DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"frugal/tracker/team"
)

func main() {
	people := flag.Int("people", 1000, "people")
	weeks := flag.Int("weeks", 52, "consecutive weeks")
	first := flag.String("first", "2026-W01", "first ISO week")
	teams := flag.String("teams", "Sales,Support,Engineering,Finance,Legal,HR,Marketing,Ops,,Tiny", "team labels, comma-separated (an empty one: no label)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tracker/team/gen [-people N] [-weeks N] [-first 2026-W01] [-teams A,B] DIR")
		os.Exit(2)
	}
	t, err := team.Generate(flag.Arg(0), team.GenOptions{People: *people, Weeks: *weeks, FirstWeek: *first, Teams: strings.Split(*teams, ",")})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files: %d requests, %d trivial, %d followed, %.6g g CO2e\n", *people**weeks, t.Requests, t.Trivial, t.Followed, t.CO2eG.Central)
}
