import Foundation

/// The inline style sheet and script of the HTML report. Kept apart from the markup so that
/// their Content-Security-Policy hashes are computed over exactly these strings.
enum HTMLReportAssets {
    /// Colours meet WCAG AA contrast (4.5:1 or more) for text on their backgrounds.
    static let css = """

    :root{--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--head:#f2f2f2;--focus:#0b57d0}
    *{box-sizing:border-box}
    body{margin:0;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
    main,header{max-width:80rem;margin:0 auto}
    h1{font-size:1.6rem;margin:.5rem 0}
    h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
    .skip{position:absolute;left:-999px}
    .skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:2}
    a{color:var(--focus)}
    :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .note{border-left:4px solid var(--focus);background:#eef3fd;padding:.75rem 1rem;margin:1rem 0}
    dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
    dl.meta dt{font-weight:600}
    dl.meta dd{margin:0;overflow-wrap:anywhere}
    table{border-collapse:collapse;width:100%;margin:.5rem 0}
    caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--muted)}
    th,td{border:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
    table.cards{table-layout:fixed}
    table.cards td{overflow-wrap:anywhere}
    table.cards th:nth-child(1){width:18%}
    table.cards th:nth-child(2){width:15%}
    table.cards th:nth-child(3){width:14%}
    table.cards th:nth-child(4){width:8%}
    table.cards th:nth-child(5){width:12%}
    table.cards th:nth-child(6){width:16%}
    table.cards th:nth-child(7){width:17%}
    td.path code{overflow-wrap:anywhere}
    table.cards .badge{white-space:normal;overflow-wrap:anywhere}
    td.nowrap{white-space:nowrap}
    table.summary{width:auto;min-width:min(100%,36rem)}
    thead th{background:var(--head)}
    td.num{text-align:right}
    th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
    th[aria-sort=ascending] button::after{content:" \\25B2"}
    th[aria-sort=descending] button::after{content:" \\25BC"}
    code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
    .badge{display:inline-block;padding:0 .4rem;border-radius:.25rem;white-space:nowrap;font-size:.9em}
    .s-disclosed-verified{background:#e6f4ea;color:#1e6b34}
    .s-disclosed-with-problems,.s-unreadable{background:#fce8e6;color:#a50e0e}
    .s-declared-no-ai,.s-declared-ai-use,.s-declared-unclear{background:#e8f0fe;color:#174ea6}
    .s-undisclosed-with-signals{background:#fef7e0;color:#7a4b00}
    .s-undisclosed,.s-unsupported{background:#f1f3f4;color:#3c4043}
    form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:end;margin:.5rem 0}
    form.filters label{display:block;font-weight:600}
    form.filters select{font:inherit;padding:.25rem;min-width:12rem;max-width:100%}
    [hidden]{display:none!important}
    @media (max-width:44rem){
      body{padding:.5rem}
      table.cards thead tr{display:flex;flex-wrap:wrap;gap:.25rem}
      table.cards thead,table.cards caption{display:block}
      table.cards td:empty{display:none}
      table.cards thead th:nth-child(n){border:1px solid var(--line);width:auto;flex:0 0 auto;white-space:nowrap}
      table.summary{min-width:0}
      table.summary .badge{white-space:normal;overflow-wrap:break-word}
      table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
      table.cards tbody tr{border:1px solid var(--line);margin:.5rem 0}
      table.cards td{border:0;border-top:1px solid var(--line)}
      table.cards td::before{content:attr(data-label);display:block;font-weight:600;color:var(--muted);font-size:.85em}
    }

    """

    /// Shows the filter form, makes column headers sort buttons, and filters rows by status
    /// and by signal. Without it the page is a plain table.
    static let script = """

    (function(){
    var table=document.getElementById('findings');if(!table)return;
    var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows),heads=table.tHead.rows[0].cells;
    rows.forEach(function(r,i){r.dataset.order=i;});
    var form=document.getElementById('filters'),status=document.getElementById('filter-status'),
        signal=document.getElementById('filter-signal'),shown=document.getElementById('shown');
    form.hidden=false;
    form.addEventListener('submit',function(e){e.preventDefault();});
    function apply(){var s=status.value,g=signal.value,n=0;
      rows.forEach(function(r){var ok=(!s||r.dataset.status===s)&&(!g||r.dataset.signal===g);r.hidden=!ok;if(ok)n++;});
      shown.textContent=n+' of '+rows.length+' rows shown';}
    status.addEventListener('change',apply);signal.addEventListener('change',apply);
    function key(r,i){var c=r.cells[i];return c.hasAttribute('data-sort')?c.getAttribute('data-sort'):c.textContent;}
    function sortBy(i){var th=heads[i],asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(a,b){var c=key(a,i).localeCompare(key(b,i),undefined,{numeric:true});
        if(c===0)c=a.dataset.order-b.dataset.order;else if(!asc)c=-c;return c;});
      rows.forEach(function(r){body.appendChild(r);});}
    Array.prototype.forEach.call(heads,function(th,i){var b=document.createElement('button');b.type='button';
      b.textContent=th.textContent;b.setAttribute('aria-label','Sort by '+th.textContent);th.textContent='';th.appendChild(b);
      b.addEventListener('click',function(){sortBy(i);});});
    apply();
    })();

    """
}
