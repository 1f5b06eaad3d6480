package packtest

// InlineMarkdown is the minimal pack with inline Markdown in the System
// Administrator's list values (a responsibility, an authority and its
// limit, an internal and an external communication duty): emphasis,
// strong emphasis, code, a web link, a mail link, a link to a page of the
// site, and a value that is a block, printed as written.
func InlineMarkdown() string {
	p := Edit(Minimal, "roles/sysadmin.toml", `responsibilities = ["Patch servers"]`,
		`responsibilities = ["Patch servers", "Follow the **patching** [standard](https://intranet.example/patching) and log each change in `+"`CHG`"+`", "1. Keep *this* literal"]`)
	p = Edit(p, "roles/sysadmin.toml", `text = "Restart services"`,
		`text = "Restart *production* services"`+"\n"+`limit = "as the [change rules](https://intranet.example/change) allow"`+"\n\n[communication]\n"+
			`internal = ["Planned outages, to the [service desk](mailto:desk@example.com)"]`+"\n"+
			`external = ["Vendor advisories, as the [RACI](raci.html#patching) says"]`)
	return p
}
