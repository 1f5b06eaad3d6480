package check

import "github.com/rolepack/rolepack/generator/leavers"

// futureLeavers reports each seat of an active person whose leaves_on falls
// within the pack's notice window (RP-LEAVE-01), or has passed while they
// are still active in the pack (RP-LEAVE-02). People already marked as
// leavers are RP-ASG-01's.
func (c *checker) futureLeavers() {
	for _, l := range leavers.Compute(c.p, c.today, c.p.LeaverNoticeDays).Leavers {
		if !l.Future {
			continue
		}
		for _, s := range l.Seats {
			if l.Days > 0 {
				c.addCounting("RP-LEAVE-01", s.Pos, l.Days, "person", l.Person.Name, "date", l.Date, "seat", seatText(s))
			} else {
				c.add("RP-LEAVE-02", s.Pos, "person", l.Person.Name, "date", l.Date, "seat", seatText(s))
			}
		}
	}
}

// seatText is leavers.Seat.Describe's wording as a Text.
func seatText(s leavers.Seat) Text {
	var what Text
	switch s.Kind {
	case leavers.Holder:
		what = text("finding.seat.holder", "role", s.Role.Name)
	case leavers.Deputy:
		what = text("finding.seat.deputy", "holder", s.Holder.Name, "role", s.Role.Name)
	case leavers.Member:
		what = text("finding.seat.member")
	case leavers.MemberDeputy:
		what = text("finding.seat.member_deputy", "holder", s.Holder.Name)
	case leavers.Chair:
		what = text("finding.seat.chair")
	case leavers.Owner:
		what = text("finding.seat.owner", "role", s.Role.Name)
	case leavers.Approver:
		what = text("finding.seat.approver")
	case leavers.Accountable:
		what = text("finding.seat.accountable", "role", s.Role.Name, "activity", s.Activity.Name)
	}
	switch {
	case s.StandIn != nil:
		return text("finding.seat.stand_in", "seat", what, "person", s.StandIn.Name)
	case s.Kind == leavers.Deputy || s.Kind == leavers.MemberDeputy:
		return text("finding.seat.loses_deputy", "seat", what)
	}
	return text("finding.seat.no_stand_in", "seat", what)
}
