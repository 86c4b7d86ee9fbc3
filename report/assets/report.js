// kinlink review: the page's script. It reads the JSON block that kinlink
// report wrote (report/data.go describes its fields), draws the people
// sought and their candidates, keeps the analyst's decisions in
// localStorage under the report's id, and exports them as CSV. It loads
// nothing: the charts are SVG built here.
(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('kinlink-data').textContent);
  var FIELDS = D.fields;
  var FIELD_LABEL = { family: 'Family name', given: 'Given name', birth_year: 'Birth year', sex: 'Sex', birth_place: 'Birth place' };
  var ORIGIN = { ja: 'Japanese', ko: 'Korean', '': 'origin unsure' };
  var DECISIONS = ['confirm', 'reject', 'unsure'];
  var STORE_KEY = 'kinlink-report:' + D.report_id;
  var ROW_H = 44;
  var api = window.kinlink = { ready: false };

  // ---- small helpers ------------------------------------------------------
  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function pct(p) {
    if (p == null) return '–';
    var v = p * 100;
    if (v >= 99.95 && p < 1) return '>99.9%';
    if (v >= 99.5 && p < 1) return v.toFixed(1) + '%';
    if (v >= 9.95) return Math.round(v) + '%';
    if (v >= 0.05 || p === 0) return (p === 0 ? '0' : v.toFixed(1)) + '%';
    return '<0.1%';
  }
  function sharePct(f) {
    var x = f * 100;
    return (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(1)) + '%';
  }
  function bits(w) { return (w > 0 ? '+' : w < 0 ? '−' : '') + Math.abs(w).toFixed(1); }
  function fmtInt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function peopleSought(n) { return n === 1 ? '1 person sought' : fmtInt(n) + ' people sought'; }
  function pclass(p) { return p >= 0.9 ? 'phi' : p >= 0.5 ? 'pmid' : 'plo'; }
  function langOf(o) { return o === 'ja' || o === 'ko' ? ' lang="' + o + '"' : ''; }
  function key(q, c) { return q + '\u0000' + c; }

  // ---- decisions ------------------------------------------------------------
  // store: pair key -> {r: report id, q, c, k: rank, w: weight, d, n: note, t: decided at}
  var store = {};
  var inReport = {}; // pair key -> [person index, candidate index]
  D.people.forEach(function (p, i) {
    p.cands.forEach(function (c, j) { inReport[key(p.id, c.id)] = [i, j]; });
  });
  function later(a, b) { return !a || (b.t || '') >= (a.t || ''); }
  (D.decisions || []).forEach(function (d) {
    var k = key(d.q, d.c);
    if (later(store[k], d)) store[k] = { r: d.r, q: d.q, c: d.c, k: d.k, w: d.w, d: d.d, n: d.n || '', t: d.t || '' };
  });
  var storageOK = true;
  try {
    var saved = JSON.parse(localStorage.getItem(STORE_KEY) || '{}');
    Object.keys(saved).forEach(function (k) { if (later(store[k], saved[k])) store[k] = saved[k]; });
  } catch (e) { storageOK = false; }
  function persist() {
    try { localStorage.setItem(STORE_KEY, JSON.stringify(store)); } catch (e) {
      if (storageOK) notice('This browser does not keep the decisions (storage is off or full): export them before closing the page.');
      storageOK = false;
    }
  }
  function decisionOf(p, c) { var s = store[key(p.id, c.id)]; return s ? s.d : ''; }
  function noteOf(p, c) { var s = store[key(p.id, c.id)]; return s ? s.n : ''; }
  function decide(p, c, d) {
    var k = key(p.id, c.id);
    var old = store[k];
    if (!d && !(old && old.n)) { delete store[k]; } else {
      store[k] = { r: D.report_id, q: p.id, c: c.id, k: String(c.k), w: c.w.toFixed(2), d: d, n: old ? old.n : '', t: new Date().toISOString() };
    }
    persist();
  }
  function setNote(p, c, n) {
    var k = key(p.id, c.id);
    var old = store[k];
    if (!old && !n) return;
    store[k] = { r: D.report_id, q: p.id, c: c.id, k: String(c.k), w: c.w.toFixed(2), d: old ? old.d : '', n: n, t: new Date().toISOString() };
    if (!store[k].d && !n) delete store[k];
    persist();
  }

  // CSV as kinlink writes it (records.SpreadsheetSafe, encoding/csv): a
  // cell a spreadsheet would run as a formula (after any leading quotes)
  // gets a leading quote, which kinlink takes off again when it reads it.
  function needsQuote(s) {
    var i = 0;
    while (i < s.length && s[i] === "'") i++;
    return i < s.length && '=+-@\t\r'.indexOf(s[i]) >= 0;
  }
  function csvCell(s) {
    s = String(s == null ? '' : s);
    if (needsQuote(s)) s = "'" + s;
    if (s === '\\.' || /[",\r\n]/.test(s) || /^\s/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  }
  var COLUMNS = ['report_id', 'query_id', 'candidate_id', 'rank', 'match_weight', 'decision', 'note', 'decided_at'];
  function exportCSV() {
    var rows = Object.keys(store).map(function (k) { return store[k]; }).filter(function (s) { return s.d || s.n; });
    rows.sort(function (a, b) {
      return a.q < b.q ? -1 : a.q > b.q ? 1 : (Number(a.k) || 0) - (Number(b.k) || 0) || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0);
    });
    var out = '\ufeff' + COLUMNS.join(',') + '\n';
    rows.forEach(function (s) {
      out += [s.r, s.q, s.c, s.k, s.w, s.d || 'unsure', s.n, s.t].map(csvCell).join(',') + '\n';
    });
    return out;
  }
  api.exportCSV = exportCSV;
  function download() {
    var blob = new Blob([exportCSV()], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'decisions-' + D.report_id + '.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function parseCSV(text) {
    var rows = [], row = [], cell = '', q = false, i = 0;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    for (; i < text.length; i++) {
      var ch = text[i];
      if (q) {
        if (ch === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else q = false; } else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') { row.push(cell); cell = ''; }
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        row.push(cell); rows.push(row); row = []; cell = '';
      } else cell += ch;
    }
    if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }
  function restore(s) { return s.length > 1 && s[0] === "'" && needsQuote(s) ? s.slice(1) : s; }
  var DECISION_WORDS = { confirm: 'confirm', confirmed: 'confirm', match: 'confirm', yes: 'confirm', y: 'confirm', 'true': 'confirm', '1': 'confirm', same: 'confirm',
    reject: 'reject', rejected: 'reject', 'non-match': 'reject', nonmatch: 'reject', 'no-match': 'reject', no: 'reject', n: 'reject', 'false': 'reject', '0': 'reject', different: 'reject',
    unsure: 'unsure', '': 'unsure' };
  function importCSV(text) {
    var rows = parseCSV(text);
    if (!rows.length) throw new Error('the file is empty');
    var head = rows[0].map(function (h) { return h.trim().toLowerCase(); });
    var col = function (n) { return head.indexOf(n); };
    if (col('query_id') < 0 || col('candidate_id') < 0 || col('decision') < 0) throw new Error('no query_id, candidate_id and decision columns');
    var n = 0;
    rows.slice(1).forEach(function (r, i) {
      if (r.length === 1 && r[0] === '') return;
      var get = function (name) { var j = col(name); return j >= 0 && j < r.length ? restore(r[j]).trim() : ''; };
      var d = DECISION_WORDS[get('decision').toLowerCase()];
      if (d === undefined) throw new Error('line ' + (i + 2) + ': decision "' + get('decision') + '" is none of confirm, reject, unsure');
      var s = { r: get('report_id'), q: get('query_id'), c: get('candidate_id'), k: get('rank'), w: get('match_weight'), d: d, n: get('note'), t: get('decided_at') };
      if (!s.q || !s.c) return;
      var k = key(s.q, s.c);
      if (later(store[k], s)) { store[k] = s; n++; }
    });
    persist();
    return n;
  }

  // ---- state ------------------------------------------------------------------
  var view = [];          // indexes of people shown, in order
  var hits = null;        // person index -> array of booleans (candidate passes the candidate filters), or null
  var cur = -1, curCand = 0; // person index, candidate index
  var filters = { text: '', origin: '', band: '', family: '', given: '', status: '', truth: '' };
  var threshold = 0; // the run's
  if (D.run && D.run.config) D.run.config.forEach(function (kv) { if (kv[0] === 'threshold') threshold = Number(kv[1]) || 0; });
  var labThreshold = threshold > 0 ? threshold : 0.5;

  var haystack = null;
  function buildHaystack() {
    haystack = D.people.map(function (p) {
      var parts = [p.id, p.name];
      if (p.rec) parts.push(p.rec.f, p.rec.g, p.rec.n, p.rec.a);
      p.read.forEach(function (r) { parts.push(r.f, r.g, r.fk, r.gk); });
      p.cands.forEach(function (c) { parts.push(c.id, c.n); if (c.rd) parts.push(c.rd.fk, c.rd.gk); });
      return parts.filter(Boolean).join('\u0001').toLowerCase();
    });
  }
  function levelOK(c, f, want) {
    if (!want) return true;
    var li = c.lv[f];
    if (want === 'missing') return li < 0;
    if (li < 0) return false;
    var name = D.levels[f][li].name;
    if (want === '!exact') return name !== 'exact';
    return name === want;
  }
  function candPasses(c) {
    if (filters.band) {
      var b = filters.band.split('-');
      if (!(c.p >= Number(b[0]) && c.p < Number(b[1]))) return false;
    }
    return levelOK(c, 0, filters.family) && levelOK(c, 1, filters.given);
  }
  function statusOK(p) {
    if (!filters.status) return true;
    var ds = p.cands.map(function (c) { return decisionOf(p, c); });
    var any = ds.some(Boolean);
    switch (filters.status) {
      case 'open': return !any;
      case 'some': return any;
      case 'confirm': return ds.indexOf('confirm') >= 0;
      case 'unsure': return ds.indexOf('unsure') >= 0;
      case 'reject': return ds.length > 0 && ds.every(function (d) { return d === 'reject'; });
    }
    return true;
  }
  function truthOK(p) {
    if (!filters.truth) return true;
    if (filters.truth === 'fp') return p.cands.some(function (c) { return c.t === 2 && c.p >= labThreshold; });
    return p.missed > 0 || p.cands.some(function (c) { return c.t === 1 && c.p < labThreshold; });
  }
  function applyFilters() {
    var text = filters.text.trim().toLowerCase();
    if (text && !haystack) buildHaystack();
    var candFilter = filters.band || filters.family || filters.given;
    hits = candFilter ? {} : null;
    view = [];
    D.people.forEach(function (p, i) {
      if (text && haystack[i].indexOf(text) < 0) return;
      if (filters.origin && (filters.origin === '?' ? p.origin !== '' : p.origin !== filters.origin)) return;
      if (!statusOK(p) || !truthOK(p)) return;
      if (candFilter) {
        var h = p.cands.map(candPasses);
        if (h.indexOf(true) < 0) return;
        hits[i] = h;
      }
      view.push(i);
    });
    $('count').textContent = view.length === D.people.length
      ? peopleSought(D.people.length) + ', ' + fmtInt(D.counts.candidates) + ' candidates'
      : fmtInt(view.length) + ' of ' + fmtInt(D.people.length) + ' people sought match the filters';
    if (view.indexOf(cur) < 0) { cur = view.length ? view[0] : -1; curCand = firstHit(cur); }
    renderList(true);
    renderPerson();
  }
  function firstHit(pi) {
    if (pi < 0 || !hits || !hits[pi]) return 0;
    var j = hits[pi].indexOf(true);
    return j < 0 ? 0 : j;
  }

  // ---- the list of people (only the visible rows are in the DOM) ----------------
  var list = $('list'), inner = $('list-inner');
  function bestP(p) { return p.cands.length ? p.cands[0].p : 0; }
  function marks(p) {
    var n = { confirm: 0, reject: 0, unsure: 0 };
    p.cands.forEach(function (c) { var d = decisionOf(p, c); if (d) n[d]++; });
    var s = '';
    if (n.confirm) s += '<b class="m-confirm">✓' + n.confirm + '</b> ';
    if (n.reject) s += '<b class="m-reject">✗' + n.reject + '</b> ';
    if (n.unsure) s += '<b class="m-unsure">?' + n.unsure + '</b>';
    return s;
  }
  function renderList(scrollToCur) {
    inner.style.height = (view.length * ROW_H) + 'px';
    if (scrollToCur && cur >= 0) {
      var pos = view.indexOf(cur) * ROW_H;
      if (pos < list.scrollTop || pos + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, pos - list.clientHeight / 3);
    }
    var from = Math.max(0, Math.floor(list.scrollTop / ROW_H) - 5);
    var to = Math.min(view.length, from + Math.ceil((list.clientHeight || 600) / ROW_H) + 10);
    var html = '';
    for (var v = from; v < to; v++) {
      var i = view[v], p = D.people[i], bp = bestP(p);
      html += '<div class="li' + (i === cur ? ' on' : '') + '" data-i="' + i + '" style="top:' + (v * ROW_H) + 'px">' +
        '<div class="l1"><span class="nm"' + langOf(p.origin) + '>' + esc(p.name || p.id) + '</span><span class="id mono">' + esc(p.id) + '</span></div>' +
        '<div class="l2"><span class="pbadge score">' + pct(bp) + '</span><span>' + p.cands.length + ' cand.</span>' +
        (p.origin ? '<span>' + p.origin + '</span>' : '') + (p.missed ? '<span class="m-reject score">' + p.missed + ' missed</span>' : '') +
        '<span class="marks">' + marks(p) + '</span></div></div>';
    }
    inner.innerHTML = html;
  }
  list.addEventListener('scroll', function () { renderList(false); });
  inner.addEventListener('click', function (e) {
    var el = e.target.closest('.li');
    if (el) select(Number(el.getAttribute('data-i')), 0);
  });

  // ---- one person sought and their candidates ------------------------------------
  function levelOf(c, f) { return c.lv[f] < 0 ? null : D.levels[f][c.lv[f]]; }
  function lvClass(c, f) { var l = levelOf(c, f); return l ? 'lv' + l.class : 'lvm'; }
  function nameParts(rec, read, name) {
    // The family and given name as written when the record has the
    // fields, else as kinlink split the one name it has.
    if (rec && (rec.f || rec.g)) return [rec.f || '', rec.g || ''];
    if (read) return [read.f || '', read.g || ''];
    return [name || '', ''];
  }
  function nameCell(text, keyText, cls, lang, sub) {
    var second = (keyText ? '<span class="key" title="the key kinlink compares">' + esc(keyText) + '</span>' : '') + (keyText && sub ? ' · ' : '') + (sub || '');
    return '<td class="' + cls + '"><div class="nmv"' + lang + ' title="' + esc(text) + '">' + (text ? esc(text) : '—') + '</div>' +
      '<div class="sub">' + second + '</div></td>';
  }
  function yearText(rec, dy) {
    if (rec && rec.y) return String(rec.y);
    return '';
  }
  function decButtons(d) {
    return '<div class="dec">' + DECISIONS.map(function (x, i) {
      return '<button type="button" class="' + x + (d === x ? ' on' : '') + '" data-d="' + x + '" title="' + x + ' (' + (i + 1) + ')">' + ['✓', '✗', '?'][i] + '</button>';
    }).join('') + '</div>';
  }
  function renderPerson() {
    var el = $('person');
    if (cur < 0) { el.innerHTML = '<div class="empty">No person sought matches the filters.</div>'; return; }
    var p = D.people[cur], r0 = p.read[0] || null, rec = p.rec;
    var pos = view.indexOf(cur);
    var h = '<div class="phead"><h2><span class="pid mono">' + esc(p.id) + '</span><span' + langOf(p.origin) + '>' + esc(p.name) + '</span></h2>' +
      '<span class="chip">' + ORIGIN[p.origin || ''] + '</span>' +
      (rec && rec.n && !(rec.f || rec.g) ? '<span class="chip">written as one name</span>' : '') +
      (p.missed ? '<span class="chip warn score">' + p.missed + ' true record' + (p.missed > 1 ? 's' : '') + ' not among the candidates</span>' : '') +
      legend() + '<span class="pos">' + (pos + 1) + ' of ' + fmtInt(view.length) + '</span></div>';
    var pn = nameParts(rec, r0, p.name);
    h += '<div class="tablewrap"><table class="cmp"><colgroup><col class="w-rank"><col class="w-id"><col><col><col class="w-born"><col class="w-sex"><col class="w-place"><col class="w-p"><col class="w-dec"></colgroup>' +
      '<thead><tr><th></th><th>Record</th><th>Family name</th><th>Given name</th><th>Born</th><th>Sex</th><th>Birth place</th><th>Match</th><th>Decision</th></tr></thead><tbody>';
    var other = rec && rec.a ? '<div class="sub" title="other names">also ' + esc(rec.a) + '</div>' : '';
    h += '<tr class="sought"><td class="rank">★</td><td><div class="mono">' + esc(p.id) + '</div><div class="sub">sought</div></td>' +
      nameCell(pn[0], r0 && r0.fk, '', langOf(p.origin), other ? esc('also ' + rec.a) : '') +
      nameCell(pn[1], r0 && r0.gk, '', langOf(p.origin), '') +
      '<td><div class="nmv">' + (yearText(rec) || (rec ? '—' : '')) + '</div></td><td><div class="nmv">' + esc(rec ? rec.s || '—' : '') + '</div></td>' +
      '<td><div class="nmv" title="' + esc(rec ? rec.p : '') + '">' + esc(rec ? rec.p || '—' : '') + '</div></td><td class="sub">' + p.cands.length + ' candidate' + (p.cands.length === 1 ? '' : 's') + '</td><td></td></tr>';
    p.cands.forEach(function (c, j) {
      var crec = c.rec, rd = c.rd, cn = nameParts(crec, rd, c.n), lang = langOf(rd ? rd.o : '');
      var miss = hits && hits[cur] && !hits[cur][j];
      var lvf = levelOf(c, 0), lvg = levelOf(c, 1), lvy = levelOf(c, 2), lvs = levelOf(c, 3), lvp = levelOf(c, 4);
      var famSub = lvf ? esc(lvf.name) + (c.via ? ' via other name' : '') + (c.o === 'swapped' ? ' · order swapped' : '') : 'missing';
      var givSub = lvg ? esc(lvg.name) : 'missing';
      if (crec && crec.a) famSub += ' · also ' + esc(crec.a);
      var year = crec && crec.y ? String(crec.y) : '';
      var gap = c.dy == null ? '' : c.dy === 0 ? 'same year' : (c.dy > 0 ? '+' : '−') + Math.abs(c.dy) + ' yr';
      var d = decisionOf(p, c);
      var truth = c.t === 1 ? '<span class="truth t1 score">TRUE</span>' : c.t === 2 ? '<span class="truth t2 score">FALSE</span>' : '';
      h += '<tr class="cand' + (j === curCand ? ' sel' : '') + (miss ? ' miss' : '') + '" data-j="' + j + '">' +
        '<td class="rank">' + c.k + '</td>' +
        '<td><div class="mono" title="' + esc(c.id) + '">' + esc(c.id) + '</div><div class="sub">' + truth + (rd && rd.o ? ' ' + rd.o : '') + '</div></td>' +
        nameCell(cn[0], rd && rd.fk, lvClass(c, 0), lang, famSub) +
        nameCell(cn[1], rd && rd.gk, lvClass(c, 1), lang, givSub) +
        '<td class="' + lvClass(c, 2) + '"><div class="nmv">' + (year || (gap ? '' : '—')) + '</div><div class="sub">' + (gap ? esc(gap) : lvy ? esc(lvy.name) : 'missing') + '</div></td>' +
        '<td class="' + lvClass(c, 3) + '"><div class="nmv">' + esc(crec ? crec.s || '—' : (lvs ? '' : '—')) + '</div><div class="sub">' + (lvs ? esc(lvs.name) : '') + '</div></td>' +
        '<td class="' + lvClass(c, 4) + '"><div class="nmv" title="' + esc(crec ? crec.p : '') + '">' + esc(crec ? crec.p || '—' : (lvp ? '' : '—')) + '</div><div class="sub">' + (lvp ? esc(lvp.name) : 'missing') + '</div></td>' +
        '<td class="score"><div class="pv">' + pct(c.p) + '</div><div class="pbar"><i class="' + pclass(c.p) + '" style="width:' + Math.max(2, c.p * 100).toFixed(1) + '%"></i></div><div class="sub">' + bits(c.w) + ' bits</div></td>' +
        '<td>' + decButtons(d) + (noteOf(p, c) ? '<div class="sub" title="' + esc(noteOf(p, c)) + '">✎ ' + esc(noteOf(p, c)) + '</div>' : '') + '</td></tr>';
    });
    h += '</tbody></table></div>';
    if (p.cands.length) h += detail(p, p.cands[curCand] || p.cands[0]);
    el.innerHTML = h;
    var sel = el.querySelector('tr.sel');
    if (sel && sel.scrollIntoView && api.ready) sel.scrollIntoView({ block: 'nearest' });
    var note = $('note');
    if (note) {
      note.addEventListener('input', function () { setNote(p, p.cands[curCand], note.value); refreshMarks(); });
      note.addEventListener('keydown', function (e) { if (e.key === 'Escape') { note.blur(); e.stopPropagation(); } });
    }
  }
  function legend() {
    var names = ['agrees', 'nearly', 'similar', 'barely', 'differs'];
    return '<div class="legend" title="Each field of a candidate is coloured by the level its comparison with the person sought reached; the small print gives the key kinlink compared and the level">' +
      names.map(function (n, i) { return '<span><i style="background:var(--c' + i + ')"></i>' + n + '</span>'; }).join('') +
      '<span><i style="background:var(--cm)"></i>missing</span></div>';
  }
  function detail(p, c) {
    var d = decisionOf(p, c);
    var h = '<div class="detail"><div class="panel score"><h3 title="log₂ of the odds that the pair is one person: each field adds its evidence">Why ' + pct(c.p) + ': the match weight in bits, step by step</h3>' + waterfall(c) + '</div>';
    h += '<div class="panel"><h3>Candidate ' + esc(c.id) + ' · rank ' + c.k + '</h3>' +
      '<div class="bigdec">' + DECISIONS.map(function (x, i) {
        return '<button type="button" class="' + x + (d === x ? ' on' : '') + '" data-d="' + x + '">' + ['✓ Same person', '✗ Not this person', '? Unsure'][i] + '<kbd>' + (i + 1) + '</kbd></button>';
      }).join('') + '</div>' +
      '<textarea id="note" rows="1" placeholder="Note (e): what you checked, why you decided">' + esc(noteOf(p, c)) + '</textarea>' +
      '<dl class="facts"><dt>Compared</dt><dd>Jaro-Winkler family ' + (c.jf ? c.jf.toFixed(3) : '–') + ', given ' + (c.jg ? c.jg.toFixed(3) : '–') +
      (c.o === 'swapped' ? '; <b>names in the other order</b>' : '') + (c.rd ? '; read as ' + ORIGIN[c.rd.o || ''] + (c.rd.r ? '' : ' (' + (c.rd.kw ? esc(c.rd.kw) : 'kanji/hanja') + ' kept as written)') : '') + '</dd>' +
      (p.read.length > 1 ? '<dt>Sought, also</dt><dd class="mono">' + p.read.slice(1).map(function (r) { return esc((r.o || '?') + ': ' + [r.fk, r.gk].filter(Boolean).join(' ')); }).join(' · ') + '</dd>' : '') +
      (store[key(p.id, c.id)] && store[key(p.id, c.id)].t ? '<dt>Decided</dt><dd>' + esc(store[key(p.id, c.id)].t.replace('T', ' ').slice(0, 16)) + (store[key(p.id, c.id)].r !== D.report_id ? ' (in report ' + esc(store[key(p.id, c.id)].r) + ')' : '') + '</dd>' : '') +
      '</dl><div class="expl score" title="the explanation column of the matches file">' + esc(c.x) + '</div></div></div>';
    return h;
  }

  // ---- waterfall: prior, then each field (and its term-frequency part), total ----
  function steps(c) {
    var s = [{ label: 'prior', sub: '1 in archive', w: c.pr, kind: 'prior' }];
    var SHORT = { family: 'family', given: 'given', birth_year: 'born', sex: 'sex', birth_place: 'place' };
    FIELDS.forEach(function (f, i) {
      var l = levelOf(c, i), w = c.wt[i], short = SHORT[f] || f;
      if (!l) { s.push({ label: short, sub: 'missing', w: 0, kind: 'missing' }); return; }
      var share = i < 2 && c.tf[i] > 0 ? sharePct(c.tf[i]) + ' of recs' : '';
      if (share && D.run.model && l.w != null) {
        s.push({ label: short, sub: l.name, w: l.w, kind: 'field' });
        s.push({ label: 'how common', sub: share, w: w - l.w, kind: 'tf' });
      } else {
        s.push({ label: short, sub: l.name, w: w, kind: 'field' });
      }
    });
    return s;
  }
  function waterfall(c) {
    var s = steps(c), W = 600, H = 200, left = 30, right = 4, top = 16, bottom = 36;
    var run = 0, lo = 0, hi = 0;
    s.forEach(function (x) { x.from = run; run += x.w; x.to = run; lo = Math.min(lo, x.from, x.to); hi = Math.max(hi, x.from, x.to); });
    lo = Math.min(lo, 0, c.w); hi = Math.max(hi, 0, c.w);
    lo = Math.floor(lo / 5) * 5; hi = Math.ceil(hi / 5) * 5; if (hi === lo) hi = lo + 5;
    var n = s.length + 1, bw = (W - left - right) / n;
    var y = function (v) { return top + (hi - v) / (hi - lo) * (H - top - bottom); };
    var g = '<svg class="chart" viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="match weight waterfall">';
    for (var t = lo; t <= hi; t += (hi - lo > 40 ? 10 : 5)) {
      g += '<line x1="' + left + '" x2="' + (W - right) + '" y1="' + y(t) + '" y2="' + y(t) + '" stroke="' + (t === 0 ? '#8a94a3' : '#e6e9ee') + '"/>' +
        '<text x="' + (left - 4) + '" y="' + (y(t) + 3) + '" font-size="9" text-anchor="end" fill="#667085">' + t + '</text>';
    }
    var colour = { prior: '#7b8696', field: null, tf: null, missing: '#c3c9d2' };
    s.concat([{ label: 'total', sub: pct(c.p), from: 0, to: c.w, w: c.w, kind: 'total' }]).forEach(function (x, i) {
      var x0 = left + i * bw + 4, yy = y(Math.max(x.from, x.to)), hh = Math.max(1.5, Math.abs(y(x.from) - y(x.to)));
      var fill = x.kind === 'total' ? '#1f5fbf' : colour[x.kind] || (x.w >= 0 ? (x.kind === 'tf' ? '#7cc496' : '#2e9d55') : (x.kind === 'tf' ? '#e79a9a' : '#c0565b'));
      g += '<rect x="' + x0 + '" y="' + yy + '" width="' + (bw - 8) + '" height="' + hh + '" fill="' + fill + '" rx="1.5"><title>' + esc(x.label + ' ' + x.sub + ': ' + bits(x.w) + ' bits') + '</title></rect>';
      if (i < s.length) g += '<line x1="' + (x0 + bw - 8) + '" x2="' + (x0 + bw + 4) + '" y1="' + y(x.to) + '" y2="' + y(x.to) + '" stroke="#9aa3af" stroke-dasharray="2,2"/>';
      var lab = x.kind === 'missing' ? '0' : bits(x.w);
      g += '<text x="' + (x0 + (bw - 8) / 2) + '" y="' + (yy - 3) + '" font-size="10" text-anchor="middle" fill="#1c2430" font-weight="600">' + lab + '</text>';
      g += '<text x="' + (x0 + (bw - 8) / 2) + '" y="' + (H - bottom + 13) + '" font-size="9.5" text-anchor="middle" fill="#1c2430">' + esc(x.label) + '</text>';
      g += '<text x="' + (x0 + (bw - 8) / 2) + '" y="' + (H - bottom + 25) + '" font-size="9" text-anchor="middle" fill="#667085">' + esc(trunc(x.sub, 13)) + '</text>';
    });
    return g + '</svg>';
  }
  function trunc(s, n) { s = String(s || ''); return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // ---- selection and keyboard -----------------------------------------------------
  function select(pi, cj) {
    if (pi < 0) return;
    cur = pi; curCand = Math.max(0, Math.min(cj, D.people[pi].cands.length - 1));
    renderList(true);
    renderPerson();
    try { history.replaceState(null, '', '#p=' + encodeURIComponent(D.people[pi].id) + '&c=' + curCand); } catch (e) { /* file: URLs in some browsers */ }
  }
  function refreshMarks() { renderList(false); updateProgress(); }
  function movePerson(step) {
    var v = view.indexOf(cur) + step;
    if (v >= 0 && v < view.length) select(view[v], step > 0 ? firstHit(view[v]) : firstHit(view[v]));
  }
  function moveCand(step) {
    if (cur < 0) return;
    var n = D.people[cur].cands.length, j = curCand + step;
    if (j >= n) { var v = view.indexOf(cur) + 1; if (v < view.length) select(view[v], 0); return; }
    if (j < 0) { var u = view.indexOf(cur) - 1; if (u >= 0) select(view[u], D.people[view[u]].cands.length - 1); return; }
    curCand = j; renderPerson();
    try { history.replaceState(null, '', '#p=' + encodeURIComponent(D.people[cur].id) + '&c=' + curCand); } catch (e) { /* ignore */ }
  }
  function decideCurrent(d, advance) {
    if (cur < 0) return;
    var p = D.people[cur], c = p.cands[curCand];
    if (!c) return;
    decide(p, c, d);
    if (advance && curCand < p.cands.length - 1) curCand++;
    renderPerson(); refreshMarks();
  }
  api.select = function (id, rank) {
    for (var i = 0; i < D.people.length; i++) if (D.people[i].id === id) {
      if (view.indexOf(i) < 0) { resetFilters(); }
      var j = 0; D.people[i].cands.forEach(function (c, k) { if (c.k === rank) j = k; });
      showTab('review'); select(i, j); return true;
    }
    return false;
  };
  $('person').addEventListener('click', function (e) {
    var b = e.target.closest('button[data-d]');
    var tr = e.target.closest('tr.cand');
    if (tr) curCand = Number(tr.getAttribute('data-j'));
    if (b) {
      var p = D.people[cur], c = p.cands[curCand], d = b.getAttribute('data-d');
      decide(p, c, decisionOf(p, c) === d ? '' : d);
      renderPerson(); refreshMarks();
    } else if (tr) { renderPerson(); }
  });
  // A key that moves the focus into a field must not also be typed into
  // it: browsers drop its character when keydown is prevented, but some
  // input paths (remote control, test drivers) still send the character.
  var swallow = null;
  document.addEventListener('keypress', function (e) {
    if (swallow && e.key === swallow.key && e.timeStamp - swallow.at < 100) e.preventDefault();
    swallow = null;
  }, true);
  document.addEventListener('keydown', function (e) {
    var t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (e.key === 'Escape') { $('help').hidden = true; if (typing) t.blur(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    var handled = true;
    switch (e.key) {
      case 'j': case 'ArrowDown': moveCand(1); break;
      case 'k': case 'ArrowUp': moveCand(-1); break;
      case 'n': case 'J': case 'ArrowRight': movePerson(1); break;
      case 'p': case 'K': case 'ArrowLeft': movePerson(-1); break;
      case '1': decideCurrent('confirm', true); break;
      case '2': decideCurrent('reject', true); break;
      case '3': decideCurrent('unsure', true); break;
      case '0': case 'Delete': decideCurrent('', false); break;
      case 'e': if ($('note')) { swallow = { key: 'e', at: e.timeStamp }; $('note').focus(); } break;
      case '/': showTab('review'); swallow = { key: '/', at: e.timeStamp }; $('search').focus(); break;
      case '?': $('help').hidden = !$('help').hidden; break;
      case 'h': setBlind(!document.body.classList.contains('blind')); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  // ---- filters ---------------------------------------------------------------------
  function levelOptions(f) {
    var o = '<option value="">any</option><option value="!exact">not exact</option>';
    D.levels[f].forEach(function (l) { o += '<option value="' + esc(l.name) + '">' + esc(l.name) + '</option>'; });
    return o + '<option value="missing">missing</option>';
  }
  $('f-family').innerHTML = levelOptions(0);
  $('f-given').innerHTML = levelOptions(1);
  var timer = null;
  $('search').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { filters.text = $('search').value; applyFilters(); }, 120);
  });
  [['f-origin', 'origin'], ['f-band', 'band'], ['f-family', 'family'], ['f-given', 'given'], ['f-status', 'status'], ['f-truth', 'truth']].forEach(function (x) {
    $(x[0]).addEventListener('change', function () { filters[x[1]] = $(x[0]).value; applyFilters(); $(x[0]).blur(); });
  });
  function resetFilters() {
    Object.keys(filters).forEach(function (k) { filters[k] = ''; });
    ['search', 'f-origin', 'f-band', 'f-family', 'f-given', 'f-status', 'f-truth'].forEach(function (id) { $(id).value = ''; });
    applyFilters();
  }
  $('preset-clear').addEventListener('click', resetFilters);
  $('preset-married').addEventListener('click', function () {
    filters.family = '!exact'; filters.given = 'exact';
    $('f-family').value = '!exact'; $('f-given').value = 'exact';
    applyFilters();
  });

  // ---- header, tabs, import/export ------------------------------------------------
  function notice(text) { var n = $('notice'); n.textContent = text; n.hidden = false; }
  function updateProgress() {
    var inRep = 0, other = 0;
    Object.keys(store).forEach(function (k) { if (!store[k].d) return; if (inReport[k]) inRep++; else other++; });
    $('progress').textContent = fmtInt(inRep) + ' of ' + fmtInt(D.counts.candidates) + ' decided' + (other ? ' (+' + fmtInt(other) + ' from other reports)' : '');
  }
  function showTab(name) {
    document.querySelectorAll('.tabs button').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-tab') === name); });
    ['review', 'overview', 'labels'].forEach(function (t) { $('tab-' + t).hidden = t !== name; });
    if (name === 'overview' && !$('tab-overview').firstChild) renderOverview();
    if (name === 'labels' && !$('tab-labels').firstChild) renderLabels();
    if (name === 'review') renderList(false);
  }
  document.querySelector('.tabs').addEventListener('click', function (e) {
    var b = e.target.closest('button[data-tab]');
    if (b) showTab(b.getAttribute('data-tab'));
  });
  $('export').addEventListener('click', download);
  // Blind review (splink#1375 asked for it): a reviewer who sees the
  // score before judging tends to agree with it.
  function setBlind(on) {
    document.body.classList.toggle('blind', on);
    $('blind').setAttribute('aria-pressed', String(on));
    $('blind').textContent = on ? 'Show scores' : 'Hide scores';
    try { localStorage.setItem('kinlink-report-blind', on ? '1' : ''); } catch (e) { /* kept for this page only */ }
  }
  $('blind').addEventListener('click', function () { setBlind(!document.body.classList.contains('blind')); this.blur(); });
  try { if (localStorage.getItem('kinlink-report-blind')) setBlind(true); } catch (e) { /* storage off */ }
  $('import').addEventListener('change', function () {
    var f = this.files[0];
    if (!f) return;
    var r = new FileReader();
    r.onload = function () {
      try { var n = importCSV(String(r.result)); notice('Imported ' + n + ' decisions from ' + f.name + '.'); } catch (err) { notice('Could not import ' + f.name + ': ' + err.message); }
      applyFilters(); updateProgress();
    };
    r.readAsText(f, 'utf-8');
    this.value = '';
  });

  // ---- overview -------------------------------------------------------------------
  function kvTable(rows) {
    return '<table class="kv">' + rows.map(function (kv) {
      var v = /^\d{4,}$/.test(kv[1]) ? fmtInt(kv[1]) : kv[1];
      return '<tr><td>' + esc(kv[0].replace(/_/g, ' ')) + '</td><td class="mono">' + esc(v) + '</td></tr>';
    }).join('') + '</table>';
  }
  function histogramSVG() {
    var h = D.hist, n = h.all.length, W = 620, H = 230, left = 40, right = 10, top = 12, bottom = 34;
    if (!n) return '<p class="muted">No candidates.</p>';
    var max = Math.max.apply(null, h.all.concat([1]));
    var bw = (W - left - right) / n, x = function (w) { return left + (w - h.start) / h.width * bw; };
    var y = function (v) { return top + (1 - v / max) * (H - top - bottom); };
    var g = '<svg class="chart" viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="histogram of match weights">';
    var step = Math.max(1, Math.pow(10, Math.floor(Math.log10(max))) / (max / Math.pow(10, Math.floor(Math.log10(max))) < 2.5 ? 2 : 1));
    for (var t = 0; t <= max; t += step) g += '<line x1="' + left + '" x2="' + (W - right) + '" y1="' + y(t) + '" y2="' + y(t) + '" stroke="#eef0f3"/><text x="' + (left - 4) + '" y="' + (y(t) + 3) + '" font-size="9" text-anchor="end" fill="#667085">' + t + '</text>';
    for (var i = 0; i < n; i++) {
      var x0 = left + i * bw + 0.5, wdt = Math.max(1, bw - 1), lo = h.start + i * h.width;
      var title = esc(lo + ' to ' + (lo + h.width) + ' bits: ' + h.all[i] + ' candidates' + (h.true ? ' (' + h.true[i] + ' true, ' + h.false[i] + ' false)' : ''));
      if (h.true) {
        var tr = h.true[i], fa = h.false[i], un = h.all[i] - tr - fa;
        g += '<rect x="' + x0 + '" y="' + y(tr) + '" width="' + wdt + '" height="' + (y(0) - y(tr)) + '" fill="#2e9d55"><title>' + title + '</title></rect>';
        g += '<rect x="' + x0 + '" y="' + y(tr + fa) + '" width="' + wdt + '" height="' + (y(tr) - y(tr + fa)) + '" fill="#c0565b"><title>' + title + '</title></rect>';
        g += '<rect x="' + x0 + '" y="' + y(tr + fa + un) + '" width="' + wdt + '" height="' + (y(tr + fa) - y(tr + fa + un)) + '" fill="#aab4c2"><title>' + title + '</title></rect>';
      } else {
        g += '<rect x="' + x0 + '" y="' + y(h.all[i]) + '" width="' + wdt + '" height="' + (y(0) - y(h.all[i])) + '" fill="#5b84c4"><title>' + title + '</title></rect>';
      }
    }
    var every = Math.max(1, Math.round(n / 12));
    for (var k = 0; k <= n; k += every) g += '<text x="' + (left + k * bw) + '" y="' + (H - bottom + 13) + '" font-size="9" text-anchor="middle" fill="#667085">' + (h.start + k * h.width) + '</text>';
    if (threshold > 0 && threshold < 1) {
      var tw = Math.log2(threshold / (1 - threshold)), tx = x(tw);
      if (tx >= left && tx <= W - right) g += '<line x1="' + tx + '" x2="' + tx + '" y1="' + top + '" y2="' + (H - bottom) + '" stroke="#1c2430" stroke-dasharray="4,3"/><text x="' + (tx + 4) + '" y="' + (top + 9) + '" font-size="9" fill="#1c2430">threshold ' + pct(threshold) + '</text>';
    }
    g += '<text x="' + ((W + left) / 2) + '" y="' + (H - 4) + '" font-size="10" text-anchor="middle" fill="#667085">match weight (bits)</text></svg>';
    if (h.true) g += '<div class="legend"><span><i style="background:#2e9d55"></i>true pairs</span><span><i style="background:#c0565b"></i>false pairs</span><span><i style="background:#aab4c2"></i>not labelled</span></div>';
    return g;
  }
  function bandTable() {
    var bands = [[0.9, 1.01, '90% and more'], [0.5, 0.9, '50–90%'], [0.1, 0.5, '10–50%'], [0, 0.1, 'below 10%']];
    var counts = bands.map(function () { return [0, 0]; });
    D.people.forEach(function (p) {
      p.cands.forEach(function (c) { bands.forEach(function (b, i) { if (c.p >= b[0] && c.p < b[1]) { counts[i][0]++; if (c.k === 1) counts[i][1]++; } }); });
    });
    return '<table class="tbl"><tr><th>probability</th><th class="n">candidates</th><th class="n">best candidates</th></tr>' + bands.map(function (b, i) {
      return '<tr><td>' + b[2] + '</td><td class="n">' + fmtInt(counts[i][0]) + '</td><td class="n">' + fmtInt(counts[i][1]) + '</td></tr>';
    }).join('') + '</table>';
  }
  function modelTable() {
    var maxw = 1;
    D.levels.forEach(function (ls) { ls.forEach(function (l) { maxw = Math.max(maxw, Math.abs(l.w || 0)); }); });
    var h = '<table class="tbl"><tr><th>comparison</th><th>level</th>' + (D.run.model ? '<th class="n">m</th><th class="n">u</th>' : '') + '<th class="n">weight</th><th style="width:30%"></th><th class="n">candidates</th></tr>';
    D.levels.forEach(function (ls, f) {
      ls.forEach(function (l, i) {
        var w = l.w || 0, px = Math.abs(w) / maxw * 50;
        h += '<tr><td>' + (i === 0 ? esc(FIELD_LABEL[FIELDS[f]]) : '') + '</td><td><span class="wbar" style="width:10px;background:var(--c' + l.class + ')"></span> ' + esc(l.name) + '</td>' +
          (D.run.model ? '<td class="n">' + (l.m != null ? l.m.toPrecision(3) : '') + '</td><td class="n">' + (l.u != null ? l.u.toPrecision(3) : '') + '</td>' : '') +
          '<td class="n">' + bits(w) + '</td><td><span style="display:inline-block;width:50%;text-align:right">' + (w < 0 ? '<span class="wbar" style="width:' + px + '%;background:#c0565b"></span>' : '') + '</span>' +
          (w > 0 ? '<span class="wbar" style="width:' + px + '%;background:#2e9d55"></span>' : '') + '</td><td class="n">' + fmtInt(l.count) + '</td></tr>';
      });
    });
    return h + '</table>' + (D.run.model ? '<p class="muted">Weight = log₂(m/u). An exact name level is weighed by how common the name is in the archive instead (the "how common" step of the waterfall).</p>'
      : '<p class="muted">This matches file does not record its model (m and u); the weights shown are those its rows carry, averaged per level (exact name levels vary with how common the name is).</p>');
  }
  function renderOverview() {
    var r = D.run, h = '<div class="grid">';
    h += '<div class="card"><h2>Match weights of all ' + fmtInt(D.counts.candidates) + ' candidates</h2>' + histogramSVG() + '</div>';
    h += '<div class="card"><h2>Candidates by probability</h2>' + bandTable() +
      '<p class="muted">The probability is the chance that the pair is one person, given the fields compared and a prior of one true record per person in the archive.</p></div>';
    h += '<div class="card"><h2>Model: levels, m, u and weights</h2>' + modelTable() + '</div>';
    var runRows = [['matches file', r.file], ['written by kinlink', r.version || 'unknown'], ['report id', D.report_id], ['report written', D.generated + ' by kinlink ' + D.version],
      ['people sought in report', fmtInt(D.counts.people) + ' of ' + fmtInt(D.counts.file_people)], ['candidates in report', fmtInt(D.counts.candidates) + ' of ' + fmtInt(D.counts.file_rows)]];
    h += '<div class="card"><h2>Run</h2>' + kvTable(runRows) + (r.rows ? '<h2 style="margin-top:10px">Row counts</h2>' + kvTable(r.rows) : '') +
      (r.rule_pairs ? '<h2 style="margin-top:10px">Pairs found by each blocking rule</h2>' + kvTable(r.rule_pairs.map(function (kv) { return [kv[0], fmtInt(kv[1])]; })) : '') + '</div>';
    h += '<div class="card"><h2>Configuration</h2>' + (r.config ? kvTable(r.config) : '<p class="muted">not recorded</p>') +
      (r.columns ? '<h2 style="margin-top:10px">Input columns</h2><p class="mono" style="font-size:12px">' + esc(r.columns) + '</p>' : '') + '</div>';
    if (D.notes) h += '<div class="card"><h2>Notes</h2><ul>' + D.notes.map(function (n) { return '<li>' + esc(n) + '</li>'; }).join('') + '</ul></div>';
    $('tab-overview').innerHTML = h + '</div>';
  }

  // ---- against labels: precision and recall by threshold ------------------------------
  function rowAt(t) {
    var L = D.labels, best = L.thresholds[0];
    L.thresholds.forEach(function (r) { if (Math.abs(r.t - t) < Math.abs(best.t - t)) best = r; });
    return best;
  }
  function prSVG() {
    var L = D.labels, W = 620, H = 240, left = 36, right = 12, top = 12, bottom = 34;
    var x = function (t) { return left + t * (W - left - right); }, y = function (v) { return top + (1 - v) * (H - top - bottom); };
    var g = '<svg class="chart" viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="precision and recall by threshold">';
    for (var v = 0; v <= 1.0001; v += 0.2) {
      g += '<line x1="' + left + '" x2="' + (W - right) + '" y1="' + y(v) + '" y2="' + y(v) + '" stroke="#eef0f3"/><text x="' + (left - 4) + '" y="' + (y(v) + 3) + '" font-size="9" text-anchor="end" fill="#667085">' + v.toFixed(1) + '</text>';
      g += '<text x="' + x(v) + '" y="' + (H - bottom + 13) + '" font-size="9" text-anchor="middle" fill="#667085">' + v.toFixed(1) + '</text>';
    }
    [['precision', '#1f5fbf'], ['recall', '#d9822b']].forEach(function (m) {
      var pts = L.thresholds.filter(function (r) { return r[m[0]] != null; }).map(function (r) { return x(r.t).toFixed(1) + ',' + y(r[m[0]]).toFixed(1); });
      g += '<polyline fill="none" stroke="' + m[1] + '" stroke-width="2" points="' + pts.join(' ') + '"/>';
    });
    g += '<line x1="' + x(labThreshold) + '" x2="' + x(labThreshold) + '" y1="' + top + '" y2="' + (H - bottom) + '" stroke="#1c2430" stroke-dasharray="4,3"/>';
    g += '<text x="' + ((W + left) / 2) + '" y="' + (H - 4) + '" font-size="10" text-anchor="middle" fill="#667085">threshold (match probability)</text></svg>';
    return g + '<div class="legend"><span><i style="background:#1f5fbf"></i>precision</span><span><i style="background:#d9822b"></i>recall</span></div>';
  }
  function thresholdTable() {
    var h = '<table class="tbl" style="margin-top:8px"><tr><th class="n">threshold</th><th class="n">found</th><th class="n">false alarms</th><th class="n">missed</th><th class="n">precision</th><th class="n">recall</th></tr>';
    D.labels.thresholds.forEach(function (r) {
      var t = Math.round(r.t * 100);
      if (t % 10 !== 0 && t !== 95 && t !== 99) return;
      h += '<tr' + (Math.abs(r.t - labThreshold) < 0.005 ? ' style="font-weight:600"' : '') + '><td class="n">' + pct(r.t) + '</td><td class="n">' + fmtInt(r.tp) + '</td><td class="n">' + fmtInt(r.fp) + '</td><td class="n">' + fmtInt(r.fn) + '</td><td class="n">' +
        (r.precision == null ? '–' : r.precision.toFixed(3)) + '</td><td class="n">' + (r.recall == null ? '–' : r.recall.toFixed(3)) + '</td></tr>';
    });
    return h + '</table>';
  }
  function pairRows(items, cls) {
    if (!items.length) return '<p class="muted">None.</p>';
    var h = '<table class="tbl"><tr><th>person sought</th><th>candidate</th><th class="n">rank</th><th class="n">probability</th><th>name sought</th><th>candidate name</th></tr>';
    items.slice(0, 200).forEach(function (it) {
      h += '<tr class="click" data-q="' + esc(it.q) + '" data-k="' + (it.k || 0) + '"><td class="mono">' + esc(it.q) + '</td><td class="mono">' + esc(it.c) + '</td><td class="n">' + (it.k || '–') + '</td><td class="n">' + (it.p == null ? 'not a candidate' : pct(it.p)) + '</td><td' + langOf(it.o) + '>' + esc(it.qn) + '</td><td>' + esc(it.cn || it.v || '') + '</td></tr>';
    });
    if (items.length > 200) h += '<tr><td colspan="6" class="muted">and ' + (items.length - 200) + ' more (use the Labels filter of the Review tab)</td></tr>';
    return h + '</table>';
  }
  function renderLabels() {
    var L = D.labels, r = rowAt(labThreshold);
    var fp = [], fn = [];
    D.people.forEach(function (p) {
      p.cands.forEach(function (c) {
        var it = { q: p.id, c: c.id, k: c.k, p: c.p, qn: p.name, cn: c.n, o: p.origin };
        if (c.t === 2 && c.p >= labThreshold) fp.push(it);
        if (c.t === 1 && c.p < labThreshold) fn.push(it);
      });
    });
    var byId = {};
    D.people.forEach(function (p) { byId[p.id] = p; });
    (L.missed || []).forEach(function (m) { var p = byId[m.q]; fn.push({ q: m.q, c: m.c, p: null, qn: p ? p.name : '', v: m.v, o: p ? p.origin : '' }); });
    fp.sort(function (a, b) { return b.p - a.p; });
    var f1 = r.precision != null && r.recall != null && r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : null;
    var h = '<div class="grid"><div class="card"><h2>Precision and recall against ' + esc(L.file) + '</h2>' +
      '<div class="slider"><span>threshold</span><input type="range" id="thr" min="0" max="100" value="' + Math.round(labThreshold * 100) + '"><b>' + pct(labThreshold) + '</b></div>' + prSVG() +
      '<p class="muted">' + (L.complete ? 'A ground truth: a candidate it does not list counts as a false pair.' : 'Labels with rejections (an analyst\'s decisions): candidates they do not mention are left out.') +
      ' True pairs of the people in this report: ' + fmtInt(L.true_pairs) + (L.absent ? '; ' + L.absent + ' labelled people are not in this report' : '') + '.</p></div>';
    h += '<div class="card"><h2>At threshold ' + pct(labThreshold) + '</h2><table class="conf"><tr><th></th><th>true pair</th><th>false pair</th></tr>' +
      '<tr><th>at or above</th><td>' + fmtInt(r.tp) + ' found</td><td>' + fmtInt(r.fp) + ' false alarms</td></tr>' +
      '<tr><th>below, or not a candidate</th><td>' + fmtInt(r.fn) + ' missed</td><td>' + fmtInt(r.tn) + ' rightly left</td></tr></table>' +
      '<p>precision <b>' + (r.precision == null ? '–' : r.precision.toFixed(3)) + '</b> · recall <b>' + (r.recall == null ? '–' : r.recall.toFixed(3)) + '</b> · F1 <b>' + (f1 == null ? '–' : f1.toFixed(3)) + '</b></p>' +
      '<p class="muted">Missed includes ' + fmtInt((L.missed || []).length) + ' true pairs that are not among the candidates at all.</p>' + thresholdTable() + '</div>';
    h += '<div class="card"><h2>False candidates at or above the threshold (' + fp.length + ')</h2>' + pairRows(fp) + '</div>';
    h += '<div class="card"><h2>True pairs below the threshold or missed (' + fn.length + ')</h2>' + pairRows(fn) + '</div></div>';
    $('tab-labels').innerHTML = h;
    $('thr').addEventListener('input', function () { labThreshold = Number(this.value) / 100; renderLabels(); $('thr').focus(); if (filters.truth) applyFilters(); });
  }
  $('tab-labels').addEventListener('click', function (e) {
    var tr = e.target.closest('tr.click');
    if (tr) api.select(tr.getAttribute('data-q'), Number(tr.getAttribute('data-k')));
  });

  // ---- start --------------------------------------------------------------------------
  $('subtitle').textContent = peopleSought(D.counts.people) + ' · ' + fmtInt(D.counts.candidates) + ' candidates · kinlink ' + (D.run.version || '') + ' · report ' + D.report_id;
  if (D.labels) { document.querySelector('.tabs [data-tab="labels"]').hidden = false; $('f-truth-label').hidden = false; }
  if (D.notes && D.notes.length) notice(D.notes.join(' '));
  var hash = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) { var i = kv.indexOf('='); if (i > 0) hash[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); });
  applyFilters();
  updateProgress();
  if (hash.p) {
    for (var i = 0; i < D.people.length; i++) if (D.people[i].id === hash.p) { cur = i; curCand = Number(hash.c) || 0; renderList(true); renderPerson(); break; }
  }
  if (hash.tab) showTab(hash.tab);
  api.ready = true;
  api.readyMs = performance.now();
  api.scriptMs = performance.now() - t0;
})();
