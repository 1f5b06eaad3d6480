package view

import "github.com/rolepack/rolepack/generator/model"

// Chart is the reporting-line tree: every role under the role it reports
// to, roots and reports sorted by name. Outputs draw it through Layout,
// which cuts a tree too wide for the page into parts.
type Chart struct {
	Roots []*ChartNode
	// Size is the number of roles in the tree.
	Size int
}

// ChartNode is one role of the chart.
type ChartNode struct {
	Role     *Role
	Parent   *ChartNode
	Children []*ChartNode
	leaves   int // leaves of the whole subtree
	depth    int // levels of the whole subtree, 1 for a leaf
}

func newChart(p *model.Pack, roleOf map[*model.Role]*Role) Chart {
	var c Chart
	var build func(r *model.Role, parent *ChartNode, depth int) *ChartNode
	build = func(r *model.Role, parent *ChartNode, depth int) *ChartNode {
		n := &ChartNode{Role: roleOf[r], Parent: parent, depth: 1}
		c.Size++
		if depth < 1000 { // the loader refuses cycles; never recurse without end
			for _, child := range r.Reports {
				cn := build(child, n, depth+1)
				n.Children = append(n.Children, cn)
				n.leaves += cn.leaves
				n.depth = max(n.depth, cn.depth+1)
			}
		}
		n.leaves = max(n.leaves, 1)
		return n
	}
	for _, r := range p.Roots() {
		c.Roots = append(c.Roots, build(r, nil, 0))
	}
	return c
}

// ChartPart is one drawable piece of the chart, laid out in units: a box is
// one unit wide with its centre at X (leaves at 0.5, 1.5, …) and sits on
// level Level (0 at the top). Renderers scale units to their page or
// screen.
type ChartPart struct {
	// Under is the role whose reports this part continues, nil for the
	// first part.
	Under *Role
	// List is set for a part shown as an indented list of Boxes (in tree
	// order, Level as the indent) instead of a drawing. Layout never sets
	// it; an output may list a part it cannot draw.
	List bool
	// Wrapped is set when the part's one level was wider than the page:
	// its boxes are the roles reporting to Under, wrapped into rows
	// (Level is the row), with no edges. Continues is set on the second
	// and later parts of the same wrapped level.
	Wrapped, Continues bool
	Boxes              []ChartBox
	Edges              []ChartEdge
	Width              float64 // in units
	Levels             int
}

// ChartBox is a role placed in a part.
type ChartBox struct {
	Role  *Role
	Level int
	X     float64
	// Continued is the index of the later part that draws this role's
	// reports, or 0 when they are drawn here (or it has none).
	Continued int
}

// ChartEdge joins a box to a box of a role reporting to it, by index into
// Boxes.
type ChartEdge struct{ From, To int }

// Layout cuts the chart into parts at most maxWidth units wide and
// maxLevels levels deep (each at least 1). The first part holds the top of
// the tree; a role whose reports would not fit is drawn as a box marked
// Continued, and its reports become a later part, laid out the same way.
// A level wider than maxWidth wraps into rows (a Wrapped part), several
// parts when the rows are more than maxLevels.
func (c Chart) Layout(maxWidth float64, maxLevels int) []ChartPart {
	maxWidth = max(maxWidth, 1)
	maxLevels = max(maxLevels, 1)
	var parts []ChartPart
	type pending struct {
		under *ChartNode
		roots []*ChartNode
		from  int // part index and box index to patch with the part number
		box   int
	}
	queue := []pending{{roots: c.Roots, from: -1}}
	for len(queue) > 0 {
		job := queue[0]
		queue = queue[1:]
		idx := len(parts)
		if job.from >= 0 {
			parts[job.from].Boxes[job.box].Continued = idx
		}
		part := ChartPart{}
		if job.under != nil {
			part.Under = job.under.Role
		}
		var cut []pending
		depth := cutDepth(job.roots, maxWidth, maxLevels)
		if depth == 0 {
			// One level wider than the page: its boxes wrap into rows
			// (Level is then the row), as many rows a part as fit; the
			// reports of each box continue in later parts.
			perRow := max(int(maxWidth), 1)
			perPart := perRow * maxLevels
			for start := 0; start < len(job.roots); start += perPart {
				chunk := job.roots[start:min(start+perPart, len(job.roots))]
				wrapped := ChartPart{Under: part.Under, Wrapped: true}
				pi := len(parts)
				if start > 0 {
					wrapped.Continues = true
				}
				for k, n := range chunk {
					i := len(wrapped.Boxes)
					wrapped.Boxes = append(wrapped.Boxes, ChartBox{Role: n.Role, Level: k / perRow, X: float64(k%perRow) + 0.5})
					wrapped.Levels = max(wrapped.Levels, k/perRow+1)
					wrapped.Width = max(wrapped.Width, float64(min(len(chunk), perRow)))
					if len(n.Children) > 0 {
						cut = append(cut, pending{under: n, roots: n.Children, from: pi, box: i})
					}
				}
				parts = append(parts, wrapped)
			}
			queue = append(queue, cut...)
			cut = nil
			continue
		}
		next := 0.0
		var place func(n *ChartNode, level, parent int) float64
		place = func(n *ChartNode, level, parent int) float64 {
			i := len(part.Boxes)
			part.Boxes = append(part.Boxes, ChartBox{Role: n.Role, Level: level})
			part.Levels = max(part.Levels, level+1)
			if parent >= 0 {
				part.Edges = append(part.Edges, ChartEdge{From: parent, To: i})
			}
			var x float64
			switch {
			case len(n.Children) == 0:
				x = next + 0.5
				next++
			case level+1 >= depth:
				x = next + 0.5
				next++
				cut = append(cut, pending{under: n, roots: n.Children, from: idx, box: i})
			default:
				first, last := 0.0, 0.0
				for k, ch := range n.Children {
					cx := place(ch, level+1, i)
					if k == 0 {
						first = cx
					}
					last = cx
				}
				x = (first + last) / 2
			}
			part.Boxes[i].X = x
			return x
		}
		for _, r := range job.roots {
			place(r, 0, -1)
		}
		part.Width = next
		parts = append(parts, part)
		queue = append(queue, cut...)
	}
	return parts
}

// cutDepth returns how many levels of the forest to draw so that its width
// (each node at the last drawn level counting as one leaf) fits maxWidth,
// at most maxLevels; 0 when even the top level alone is too wide.
func cutDepth(roots []*ChartNode, maxWidth float64, maxLevels int) int {
	full := 0
	for _, r := range roots {
		full = max(full, r.depth)
	}
	best := 0
	for d := 1; d <= min(full, maxLevels); d++ {
		if float64(widthAt(roots, d)) > maxWidth {
			break
		}
		best = d
	}
	return best
}

// widthAt is the number of leaf slots the forest takes when drawn d levels
// deep.
func widthAt(ns []*ChartNode, d int) int {
	w := 0
	for _, n := range ns {
		if d <= 1 || len(n.Children) == 0 {
			w++
			continue
		}
		w += widthAt(n.Children, d-1)
	}
	return w
}
