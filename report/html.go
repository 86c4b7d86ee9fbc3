package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
	"strings"
)

//go:embed assets/report.html assets/report.css assets/report.js
var assets embed.FS

// page is the HTML template; the styles and the script are set into it
// as they are (they are kinlink's own), the data through html/template's
// escaping for script elements, which writes JSON with <, > and &
// escaped, so no name can close the script element.
var page = template.Must(template.ParseFS(assets, "assets/report.html"))

func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic(err) // embedded at build time
	}
	return string(b)
}

var (
	pageCSS = template.CSS(asset("report.css"))
	pageJS  = template.JS(asset("report.js"))
)

// WriteHTML writes the report page for d to w.
func WriteHTML(w io.Writer, d *Data) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	err := page.Execute(bw, struct {
		Title, Version string
		CSS            template.CSS
		JS             template.JS
		Data           *Data
	}{strings.TrimSuffix(d.Title, ".parquet"), d.Version, pageCSS, pageJS, d})
	if err != nil {
		return err
	}
	return bw.Flush()
}
