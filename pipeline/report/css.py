"""The report's style sheet: screen and print (A4, the matrix on landscape pages)."""

from __future__ import annotations

THAI_FONTS = "'TH Sarabun New', 'Sarabun', 'Laksaman', 'Garuda', 'Loma', sans-serif"

CSS = """
:root {
  --font: __FONTS__;
  --sup: #f4b183;      /* supervisor ก: same fills as matrix.xlsx */
  --resp: #9dc3e6;     /* responsible ร */
  --sup-ink: #8a3c00;
  --resp-ink: #0b4a7a;
  --bad: #c62828;
  --bad-bg: #fde7e7;
  --warn-bg: #fff4d6;
  --ok: #2e7d32;
  --ink: #1d2330;
  --muted: #5f6b7a;
  --line: #d9dee5;
  --panel: #f6f8fa;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: var(--font); font-size: 17px; line-height: 1.45; color: var(--ink);
  margin: 0; background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 48px; }
header.top { background: #243b55; color: #fff; padding: 18px 24px; }
header.top h1 { margin: 0; font-size: 28px; }
header.top p { margin: 4px 0 0; color: #cfd8e3; }
nav.toc { position: sticky; top: 0; z-index: 5; background: #fff; padding: 6px 24px;
  border-bottom: 1px solid var(--line); font-size: 15px; }
nav.toc a { margin-right: 14px; color: #1f5fa8; text-decoration: none; white-space: nowrap; }
h2 { font-size: 25px; border-bottom: 2px solid #243b55; margin: 36px 0 10px; padding-bottom: 2px; }
h3 { font-size: 20px; margin: 22px 0 6px; }
.en { color: var(--muted); font-size: 0.82em; font-weight: normal; }
.muted { color: var(--muted); }
.ok { color: var(--ok); }
.note { color: var(--muted); font-style: italic; }
.as-written { color: var(--muted); font-size: 0.85em; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 8px 14px; min-width: 130px; }
.card b { display: block; font-size: 26px; line-height: 1.1; }
.card.bad b { color: var(--bad); }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 15px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; text-align: left; }
thead th { background: var(--panel); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.sev-error { color: var(--bad); font-weight: bold; }
.sev-warning { color: #9a6700; }
.sev-info { color: var(--muted); }
tr.sev-error td { background: var(--bad-bg); }
.chip { display: inline-block; border-radius: 10px; padding: 0 8px; margin: 1px 2px;
  font-size: 14px; background: var(--warn-bg); border: 1px solid #ecd9a0; }
.chip.bad { background: var(--bad-bg); border-color: #f3b5b5; }
table.assignments td:nth-child(4), table.assignments td:nth-child(5) { white-space: nowrap; }

/* responsibility matrix heatmap */
.matrix-wrap { overflow-x: auto; }
table.matrix { font-size: 12px; table-layout: fixed; }
table.matrix th, table.matrix td { padding: 0; text-align: center; width: 17px; min-width: 17px;
  height: 19px; border-color: #e3e7ec; }
table.matrix th.who, table.matrix td.who { width: 190px; min-width: 190px; text-align: left;
  padding: 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 14px;
  position: sticky; left: 0; background: #fff; z-index: 1; }
table.matrix th.cid { height: 46px; vertical-align: bottom; padding-bottom: 3px; }
table.matrix th.cid span { writing-mode: vertical-rl; transform: rotate(180deg); font-size: 11px;
  font-family: sans-serif; line-height: 1; }
table.matrix th.grp { font-size: 13px; background: #e9eef5; }
table.matrix td.sup { background: var(--sup); color: var(--sup-ink); font-weight: bold; }
table.matrix td.resp { background: var(--resp); color: var(--resp-ink); font-weight: bold; }
table.matrix td.both { background: linear-gradient(135deg, var(--sup) 50%, var(--resp) 50%);
  font-weight: bold; }
table.matrix .gstart { border-left: 2px solid #8796a8; }
table.matrix th.uncovered, table.matrix td.uncovered { background: var(--bad-bg);
  color: var(--bad); }
table.matrix tr.people td { font-weight: bold; }
table.matrix td.tot, table.matrix th.tot { width: 38px; min-width: 38px; font-size: 13px; }
.legend { font-size: 14px; margin: 4px 0; }
.legend i { display: inline-block; width: 16px; height: 14px; vertical-align: -2px;
  margin: 0 4px 0 12px; border: 1px solid #bbb; font-style: normal; }
.legend i.sup { background: var(--sup); }
.legend i.resp { background: var(--resp); }
.legend i.uncovered { background: var(--bad-bg); }

/* charts */
svg.chart { max-width: 100%; height: auto; font-family: var(--font); }
svg.chart text { font-size: 13px; fill: var(--ink); }
svg.chart text.title { font-size: 14px; font-weight: bold; }
svg.chart .axis { stroke: #9aa5b1; stroke-width: 1; }
svg.chart .sup { fill: var(--sup); }
svg.chart .resp { fill: var(--resp); }
svg.chart .pts { fill: #7e9f5b; }
svg.chart .ok { fill: #9cc59a; }
svg.chart .review { fill: #e9b949; }
svg.chart .err { fill: #e57373; }
svg.chart .warn { fill: #f3c969; }

/* coverage */
ul.uncovered { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
ul.uncovered li { background: var(--bad-bg); border: 1px solid #f3b5b5; border-radius: 4px;
  border-left: 5px solid var(--bad); padding: 2px 8px; max-width: 360px; font-size: 14px; }
ul.uncovered li b { color: var(--bad); margin-right: 4px; font-family: sans-serif;
  font-size: 12px; }

/* review queue */
table.review { width: 100%; }
table.review td:nth-child(1) { width: 190px; }
table.review.scans td:nth-child(2) { width: 652px; }
table.review img { display: block; max-width: 100%; height: auto; margin-bottom: 3px;
  border: 1px solid var(--line); }
table.review figure { margin: 0 0 6px; }
table.review figcaption { font-size: 13px; color: var(--muted); }
.noscan { display: inline-block; white-space: nowrap; color: var(--muted); font-size: 13px;
  border: 1px dashed #b8c0ca; padding: 2px 8px; border-radius: 4px; }

/* print: A4, the matrix on landscape pages of its own */
@page { size: A4 portrait; margin: 12mm; }
@page matrix { size: A4 landscape; margin: 8mm; }
@media print {
  body { font-size: 13px; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  header.top { background: none; color: var(--ink); padding: 0;
    border-bottom: 2px solid var(--ink); }
  header.top p { color: var(--muted); }
  section.document { break-before: page; }
  .matrix-page { page: matrix; }
  .matrix-wrap { overflow: visible; }
  /* 68 criteria (the 2562 edition) must fit the 281 mm of a landscape page */
  table.matrix th, table.matrix td { width: 12px; min-width: 12px; height: 14px; font-size: 8px; }
  table.matrix th.who, table.matrix td.who { position: static; width: 130px; min-width: 130px;
    font-size: 10px; }
  table.matrix td.tot, table.matrix th.tot { width: 26px; min-width: 26px; font-size: 8px; }
  table.matrix th.cid span { font-size: 8px; }
  table.matrix, tr, figure, svg.chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".replace("__FONTS__", THAI_FONTS)
