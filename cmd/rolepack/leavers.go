package main

import (
	"io"

	"github.com/rolepack/rolepack/generator/leavers"
)

func runLeavers(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("leavers", "leavers [--content DIR] [--within DAYS]",
		`List everyone who has left or leaves within DAYS and is still named in
the pack, with each seat they leave empty: role holder, deputy, review-team
member, deputy or chair, document owner or approver, and the RACI
activities whose Accountable role loses its last holder, each with the
deputy who would step in. A future leaver is an active person with
leaves_on (people.toml) or a termination date in the HR export. "Today" is
the build date of the version stamp, as for check. Writes nothing.

Exit codes: 0 (with or without leavers), 1 the pack does not load, 2 misuse.`, stdout)
	content := fs.String("content", "content", "the pack's source `DIR`")
	within := fs.Int("within", -1, "look `DAYS` ahead (default: leaver_notice_days in pack.toml, else 30)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *within < -1 || *within > 3660 {
		return misuse("--within must be between 0 and 3660 days, not %d", *within)
	}
	l, err := load(*content, stderr)
	if err != nil {
		return err
	}
	days := *within
	if days < 0 {
		days = l.Pack.LeaverNoticeDays
	}
	return leavers.Compute(l.Pack, l.Stamp.Date(), days).Text(stdout)
}
