package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/rolepack/rolepack/internal/packtest"
)

// TestBrowser drives a real headless Chromium over the example site, served
// by "rolepack serve" and opened from file://: no console errors, search
// finds a role, the result leads to the role page. Screenshots go to
// $ROLEPACK_SCREENSHOTS (default: a temporary directory).
func TestBrowser(t *testing.T) {
	chromium := packtest.NeedTool(t, "chromium", "chromium-browser", "google-chrome")
	shots := os.Getenv("ROLEPACK_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	base, content := startServe(t)
	out := filepath.Join(filepath.Dir(content), "out")

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	var mu sync.Mutex
	var problems []string
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == "error" {
				problems = append(problems, "console error")
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		}
	}))
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	// Bound each step, not the browser (a timeout on the first Run would
	// end the browser itself).
	step := func(name string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		c, done := context.WithTimeout(ctx, 30*time.Second)
		defer done()
		if _, err := chromedp.Run(c, a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		c, done := context.WithTimeout(ctx, 30*time.Second)
		defer done()
		img, err := chromedp.Run(c, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		os.WriteFile(filepath.Join(shots, name+".png"), img, 0o644)
	}

	for _, start := range []struct{ name, url string }{
		{"served", base},
		{"file", "file://" + filepath.Join(out, "site", "index.html")},
	} {
		step("viewport", chromedp.EmulateViewport(1280, 900))
		step(start.name+": open", chromedp.Navigate(start.url))
		step(start.name+": search box", chromedp.WaitVisible("#q"))
		step(start.name+": type", chromedp.SendKeys("#q", "Internal Auditor"))
		step(start.name+": results", chromedp.WaitVisible("#results a"))
		shot(start.name + "-search")
		step(start.name+": follow", chromedp.Click("#results a"))
		step(start.name+": role page", chromedp.WaitVisible("main h1"))
		c, done := context.WithTimeout(ctx, 30*time.Second)
		h1, err := chromedp.Run(c, chromedp.Text("main h1"))
		done()
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(h1) != "Internal Auditor" {
			t.Errorf("%s: search result led to %q", start.name, h1)
		}
	}
	for _, page := range []string{"index.html", "roles/internal-auditor.html", "people/zoe-nunez.html", "raci.html"} {
		for _, vp := range []struct {
			name string
			w    int64
		}{{"desktop", 1280}, {"phone", 390}} {
			step("viewport", chromedp.EmulateViewport(vp.w, 800))
			step(page, chromedp.Navigate(base+page))
			step(page+": footer", chromedp.WaitVisible("footer"))
			shot(strings.NewReplacer("/", "-", ".html", "").Replace(page) + "-" + vp.name)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("browser reported: %v", problems)
	}
	t.Logf("screenshots in %s", shots)
}
