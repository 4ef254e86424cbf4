/// The app's own style sheet and script, served from `/assets/` (no external assets).
enum Assets {
    static let css = """
    :root { --ink: #1b1b1b; --muted: #505a5f; --line: #b1b4b6; --accent: #1d70b8; --warn: #f47738; --bad: #d4351c; --good: #00703c; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fd0; padding: .5rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .75rem 1.5rem; background: #0b0c0c; color: #fff; }
    header a { color: #fff; } .brand { font-weight: 700; margin: 0; }
    nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
    nav a[aria-current] { text-decoration-thickness: 3px; }
    .signout { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
    main { max-width: 90rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    footer { border-top: 1px solid var(--line); padding: 1rem 1.5rem; color: var(--muted); font-size: .9rem; }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #fd0; outline-offset: 2px; }
    fieldset { border: 1px solid var(--line); margin: 0 0 1rem; padding: .75rem 1rem; }
    legend { font-weight: 700; } label { display: block; margin: .35rem 0; }
    input[type=text], input[type=date], input[type=password], select, textarea { font: inherit; padding: .35rem; width: 100%; max-width: 32rem; border: 2px solid var(--ink); }
    .choice label { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; }
    .hint { color: var(--muted); margin: .1rem 0 .4rem; }
    button { font: inherit; padding: .5rem 1rem; border: 0; background: var(--good); color: #fff; cursor: pointer; margin: .25rem .5rem .25rem 0; }
    button.secondary { background: #f3f2f1; color: var(--ink); border: 1px solid var(--line); }
    .problem { border: 4px solid var(--bad); padding: .5rem 1rem; margin: 1rem 0; } .problem h2 { margin-top: .25rem; }
    .field-error { color: var(--bad); font-weight: 700; }
    .note { border-left: 6px solid var(--accent); background: #f3f2f1; padding: .5rem 1rem; margin: 1rem 0; }
    .note h2 { font-size: 1.1rem; margin: .25rem 0; }
    .statement { border-left: 6px solid var(--good); padding: .5rem 1rem; background: #f3f2f1; }
    .table { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    caption { text-align: left; font-weight: 700; padding: .5rem 0; }
    th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
    td { min-width: 5.5rem; } #register td:nth-child(1) { min-width: 12rem; word-break: break-word; }
    #register td:nth-child(8), #register td:nth-child(11), #register td:nth-child(13) { min-width: 16rem; }
    th { background: #f3f2f1; } th button { all: unset; cursor: pointer; text-decoration: underline; }
    .status-fail { color: var(--bad); font-weight: 700; } .status-warn { color: var(--warn); font-weight: 700; } .status-pass { color: var(--good); }
    .downloads form { display: inline; }
    @media (max-width: 40rem) { header { padding: .5rem 1rem; } main { padding: .5rem 1rem 2rem; } .signout { margin-left: 0; } }
    """

    /// Sorting and filtering of tables marked `data-sortable`; the pages work without it.
    static let js = """
    document.querySelectorAll('table[data-sortable]').forEach(function (table) {
      var body = table.tBodies[0]; if (!body) return;
      var filter = document.createElement('input');
      filter.type = 'search'; filter.placeholder = 'Filter the rows'; filter.setAttribute('aria-label', 'Filter the rows');
      filter.addEventListener('input', function () {
        var q = filter.value.toLowerCase();
        Array.prototype.forEach.call(body.rows, function (row) { row.hidden = q && row.textContent.toLowerCase().indexOf(q) < 0; });
      });
      table.parentNode.insertBefore(filter, table);
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = document.createElement('button'); button.type = 'button'; button.textContent = th.textContent;
        th.textContent = ''; th.appendChild(button);
        button.addEventListener('click', function () {
          var ascending = th.getAttribute('aria-sort') !== 'ascending';
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[index].textContent, y = b.cells[index].textContent;
            return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
    """
}
