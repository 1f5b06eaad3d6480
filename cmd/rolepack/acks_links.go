package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func init() {
	registerAcks("links", "write a personal link for everyone who must still acknowledge, as a CSV for mail-merge", runAcksLinks)
}

func runAcksLinks(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks links", "acks links --secret-file FILE --base-url URL [--content DIR] [--expires 30d] [--out FILE] | acks links --new-secret FILE",
		`Write a personal link for everyone who must still acknowledge the current
version (the seated people RP-COMM-01 asks), as a CSV for mail-merge: name,
e-mail, link, expiry. A link is --base-url, "a/" and a token: the person's
id, the document's id, version and language, the digest of the text of
their duties, the expiry and a random id, signed (HMAC-SHA256) with the
secret in --secret-file. The token holds no name or address. A cell that a
spreadsheet would take for a formula gets a leading apostrophe.

The secret must be at least 32 bytes, in a file outside the pack (and its
repository); --new-secret FILE makes one (a new file, readable by its owner
only) and does nothing else. It is never printed or written anywhere else.

Exit codes: 0 written, 1 the pack has problems, 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	secretFile := flags.String("secret-file", "", "the `FILE` holding the secret, outside the pack")
	newSecret := flags.String("new-secret", "", "make a new secret in `FILE` (which must not exist) and stop")
	baseURL := flags.String("base-url", "", "the public `URL` of rolepack acks serve, such as https://acks.intranet.example/")
	expires := flags.String("expires", "30d", "how long the links are valid: `DAYS` followed by d (30d), or hours followed by h")
	out := flags.String("out", "", "write the CSV to `FILE` (a new file) instead of standard output")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	if *newSecret != "" {
		if *secretFile != "" || *baseURL != "" || *out != "" {
			return misuse("--new-secret makes a secret and does nothing else: run acks links again with --secret-file")
		}
		if err := ackservice.NewSecret(*newSecret, *content); err != nil {
			return misuse("%s", err.Error())
		}
		fmt.Fprintf(stdout, "%s: a new secret, readable by its owner only; keep it outside the pack, and back it up with the service\n", textsafe.Line(*newSecret))
		return nil
	}
	if *secretFile == "" || *baseURL == "" {
		return misuse("acks links needs --secret-file FILE and --base-url URL (or --new-secret FILE)")
	}
	valid, err := parseExpiry(*expires)
	if err != nil {
		return err
	}
	base, err := ackservice.CheckBaseURL(*baseURL)
	if err != nil {
		return misuse("%s", err.Error())
	}
	secret, err := ackservice.ReadSecret(*secretFile, *content)
	if err != nil {
		return misuse("%s", err.Error())
	}
	if *out != "" {
		if _, err := os.Lstat(*out); err == nil {
			return misuse("--out %s exists: links are written to a new file only", *out)
		}
	}
	l, err := pipeline.Load(context.Background(), pipelineOptions(*content, ""))
	if err != nil {
		return loadError(*content, err, stderr)
	}
	printWarnings(stderr, *content, l.Pack)
	until := time.Now().Add(valid).Truncate(time.Second)
	links := ackservice.Links(l.Pack, l.Report.Unacknowledged, secret, base, until)
	var csv bytes.Buffer
	if err := ackservice.WriteCSV(&csv, links); err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(csv.Bytes())
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return misuse("--out: %v", err)
	}
	if _, err := f.Write(csv.Bytes()); err != nil {
		f.Close()
		return failed("%s: %v", *out, err)
	}
	if err := f.Close(); err != nil {
		return failed("%s: %v", *out, err)
	}
	fmt.Fprintf(stdout, "%s: %d %s, valid until %s\n", textsafe.Line(*out), len(links), plural(len(links), "link", "links"), until.UTC().Format(time.RFC3339))
	return nil
}

// parseExpiry reads --expires: whole days ("30d") or hours ("12h"), at
// least an hour and at most a year.
func parseExpiry(s string) (time.Duration, error) {
	unit := time.Duration(0)
	switch {
	case strings.HasSuffix(s, "d"):
		unit = 24 * time.Hour
	case strings.HasSuffix(s, "h"):
		unit = time.Hour
	}
	n, err := strconv.Atoi(strings.TrimRight(s, "dh"))
	if unit == 0 || err != nil || n < 1 || time.Duration(n)*unit > 366*24*time.Hour {
		return 0, misuse("--expires %q: give days (30d) or hours (12h), at most a year", s)
	}
	return time.Duration(n) * unit, nil
}
