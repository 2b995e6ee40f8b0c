package match

import (
	"github.com/vigil-screening/vigil/entity"
)

// Birth-date effects by how close the nearest listed date is.
const (
	effDateExact    = 0.06  // same full date
	effDateSwapped  = 0.03  // day and month swapped
	effDatePartial  = 0.04  // same as far as both go (year, or year and month)
	effDateNear     = 0.0   // one year apart: a common error, neutral
	effDateFar      = -0.08 // 2 to 4 years apart
	effDateFarther  = -0.18 // 5 to 9 years apart
	effDateFarthest = -0.35 // 10 or more years apart: another person
)

func qualifyBirthDate(q entity.Date, listed []entity.Date) Qualifier {
	if q.IsZero() {
		return Qualifier{}
	}
	if len(listed) == 0 {
		return Qualifier{Attribute: "date_of_birth", Query: q.String(), Verdict: Missing}
	}
	best := Qualifier{Effect: -1}
	for _, l := range listed {
		c := compareDate(q, l)
		if c.Effect > best.Effect {
			best = c
		}
	}
	best.Attribute = "date_of_birth"
	best.Query = q.String()
	return best
}

func compareDate(q, l entity.Date) Qualifier {
	out := Qualifier{Listed: l.String()}
	if l.IsRange() {
		if q.Year >= l.Year && q.Year <= l.ToYear {
			out.Verdict, out.Effect, out.Detail = Agree, effDatePartial, "within listed range"
			return out
		}
		gap := min(abs(int(q.Year)-int(l.Year)), abs(int(q.Year)-int(l.ToYear)))
		return yearGap(out, gap)
	}
	gap := abs(int(q.Year) - int(l.Year))
	if l.Circa || q.Circa {
		gap = max(gap-2, 0) // "circa 1965" allows a couple of years either way
	}
	if gap != 0 {
		if gap == 1 && q.Month == l.Month && q.Day == l.Day && q.Month != 0 {
			out.Detail = "same day and month, year one apart"
		}
		return yearGap(out, gap)
	}
	switch {
	case q.Month == 0 || l.Month == 0:
		out.Verdict, out.Effect, out.Detail = Agree, effDatePartial, "same year"
	case q.Month == l.Month && (q.Day == 0 || l.Day == 0):
		out.Verdict, out.Effect, out.Detail = Agree, effDatePartial, "same year and month"
	case q.Month == l.Month && q.Day == l.Day:
		out.Verdict, out.Effect, out.Detail = Agree, effDateExact, "exact"
	case q.Month == l.Day && q.Day == l.Month:
		out.Verdict, out.Effect, out.Detail = Agree, effDateSwapped, "day and month swapped"
	default:
		out.Verdict, out.Effect, out.Detail = Agree, effDateNear, "same year, different day"
	}
	return out
}

func yearGap(out Qualifier, gap int) Qualifier {
	switch {
	case gap <= 1:
		out.Verdict, out.Effect = Agree, effDateNear
		if out.Detail == "" {
			out.Detail = "one year apart"
		}
	case gap <= 4:
		out.Verdict, out.Effect, out.Detail = Contradict, effDateFar, "2 to 4 years apart"
	case gap <= 9:
		out.Verdict, out.Effect, out.Detail = Contradict, effDateFarther, "5 to 9 years apart"
	default:
		out.Verdict, out.Effect, out.Detail = Contradict, effDateFarthest, "10 or more years apart"
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// birthDateConflict reports whether full date q is incompatible with
// every one of listed (and listed is not empty): each is two or more
// years away, or at least two of year, month and day differ (as far as
// the listed date gives them; day and month swapped count as agreeing).
// One field that differs may be a typing slip; two are another date.
func birthDateConflict(q entity.Date, listed []entity.Date) bool {
	if !fullDate(q) || len(listed) == 0 {
		return false
	}
	for _, l := range listed {
		if !datesIncompatible(q, l) {
			return false
		}
	}
	return true
}

func fullDate(d entity.Date) bool {
	return !d.IsZero() && d.Month != 0 && d.Day != 0 && !d.Circa && !d.IsRange()
}

func datesIncompatible(q, l entity.Date) bool {
	if l.IsRange() {
		return q.Year < l.Year-1 || q.Year > l.ToYear+1
	}
	gap := abs(int(q.Year) - int(l.Year))
	if l.Circa {
		gap = max(gap-2, 0)
	}
	if gap >= 2 {
		return true
	}
	differ := 0
	if gap != 0 {
		differ++
	}
	switch {
	case l.Month == 0:
	case l.Day == 0:
		if l.Month != q.Month {
			differ++
		}
	case l.Month == q.Day && l.Day == q.Month:
	default:
		if l.Month != q.Month {
			differ++
		}
		if l.Day != q.Day {
			differ++
		}
	}
	return differ >= 2
}
