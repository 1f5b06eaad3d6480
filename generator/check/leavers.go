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
				c.add("RP-LEAVE-01", s.Pos, l.Person.Name, l.Date, l.Days, s.Describe())
			} else {
				c.add("RP-LEAVE-02", s.Pos, l.Person.Name, l.Date, s.Describe())
			}
		}
	}
}
