// Package report turns a kinlink matches file into one self-contained HTML
// file for analysts to review, decide and hand back, and into a Markdown
// summary for a case file.
//
// Build gathers what a reviewer needs into Data: per person sought, the
// record as written and as kinlink read it, the ranked candidates with
// each comparison's level and contribution to the match weight (the
// waterfall), and for the run the configuration, the row counts, the
// model's levels, a histogram of the weights and, given labels, precision
// and recall against the threshold. WriteHTML writes Data into a page
// whose scripts and styles are embedded (assets/): one JSON block written
// through html/template, charts drawn as SVG by the page's own code,
// nothing loaded over the network (a Content-Security-Policy forbids it).
// The page keeps the analyst's decisions in the browser's localStorage,
// keyed by the report's id, and exports them as the CSV that ReadDecisions
// reads back and records.ReadLabels takes as labels.
//
// WriteMarkdown writes the same Data as a static summary.
package report
