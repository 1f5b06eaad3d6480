// Package tmplwalk visits the nodes of a text/template or html/template
// parse tree, for the checks that read a template before it runs: the
// letters' field names and the site's shared blocks.
package tmplwalk

import "text/template/parse"

// Walk calls fn for every node of the tree under n, n included, children
// before their parent (so the inner node of a chain such as (.A).B comes
// before the chain).
func Walk(n parse.Node, fn func(parse.Node)) {
	switch n := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			Walk(c, fn)
		}
	case *parse.ActionNode:
		Walk(n.Pipe, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			Walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *parse.ChainNode:
		Walk(n.Node, fn)
	case *parse.IfNode:
		branch(&n.BranchNode, fn)
	case *parse.RangeNode:
		branch(&n.BranchNode, fn)
	case *parse.WithNode:
		branch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		Walk(n.Pipe, fn)
	}
	fn(n)
}

func branch(b *parse.BranchNode, fn func(parse.Node)) {
	Walk(b.Pipe, fn)
	Walk(b.List, fn)
	if b.ElseList != nil {
		Walk(b.ElseList, fn)
	}
}
