package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runInit(args []string, stdout, _ io.Writer) error {
	flags := newFlags("init", "init DIR",
		`Write the example pack into DIR, a new or empty directory, as the starting
point of your own pack. Edit the TOML files, then run
"rolepack build --content DIR".`, stdout)
	rest, err := parse(flags, args, 1)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return misuse("init needs the directory to create, e.g. \"rolepack init my-pack\"")
	}
	dir := rest[0]
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return misuse("%s is not empty: init only writes into a new or empty directory", dir)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return failed("cannot use %s: %v", dir, err)
	}
	if err := writePack(rolepack.ExamplePack(), dir); err != nil {
		return failed("%v", err)
	}
	fmt.Fprintf(stdout, "wrote the example pack to %s\nnext: rolepack build --content %s --out <output dir>\n", textsafe.Line(dir), textsafe.Line(dir))
	return nil
}

func writePack(src fs.FS, dir string) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
