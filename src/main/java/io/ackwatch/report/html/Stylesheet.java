package io.ackwatch.report.html;

/** The page's only style sheet and script, inlined so the file needs nothing else. */
final class Stylesheet {
    private Stylesheet() {}

    static final String CSS = """
            :root{--ok:#17794a;--ok-bg:#e6f4ec;--degraded:#a85d00;--degraded-bg:#fdf1dc;--failed:#c42b2b;
            --failed-bg:#fdeaea;--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad;
            --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0 auto;max-width:1200px;padding:1.25rem 1.5rem 3rem;background:#eef1f4;color:var(--ink);
            font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            h1{font-size:1.7rem;margin:.2rem 0 .4rem;letter-spacing:-.01em}
            h2{font-size:1.3rem;margin:0 0 .6rem;overflow-wrap:anywhere}
            h3{font-size:1.08rem;margin:1.6rem 0 .6rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
            h4{font-size:1rem;margin:1.1rem 0 .35rem}
            h5{font-size:.8rem;margin:.9rem 0 .3rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
            p{margin:.35rem 0}
            a{color:var(--accent)}
            code,pre{font-family:var(--mono);font-size:.88em}
            .lede{font-size:1.05rem}
            .muted,.note{color:var(--muted)}
            .note{font-size:.92em}
            header.page{padding:.6rem 0 .4rem}
            nav ol{margin:.4rem 0;padding-left:1.4rem}
            nav li{margin:.15rem 0}
            section.capture{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1.1rem 1.5rem 1.3rem;
            margin:1.2rem 0;box-shadow:0 1px 2px rgba(31,35,40,.06)}
            .file{font-family:var(--mono);font-weight:600}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0 .8rem;font-size:.93em}
            dl.meta dt{color:var(--muted)}
            dl.meta dd{margin:0;overflow-wrap:anywhere}
            .badge{display:inline-block;padding:0 .55em;border-radius:999px;font-weight:600;font-size:.85em;
            border:1px solid currentColor;white-space:nowrap;line-height:1.5;vertical-align:.08em}
            .badge.ok{color:var(--ok);background:var(--ok-bg)}
            .badge.degraded{color:var(--degraded);background:var(--degraded-bg)}
            .badge.incomplete{color:var(--muted);background:#fff}
            .badge.failed{color:var(--failed);background:var(--failed-bg)}
            .badge.unreadable{color:#fff;background:var(--failed);border-color:var(--failed)}
            .fault{font-size:.85em;color:var(--muted);font-weight:600;margin-left:.3em}
            .alert{border-left:4px solid var(--failed);background:var(--failed-bg);padding:.6rem .9rem;border-radius:0 6px 6px 0;
            margin:.6rem 0}
            .alert.warn{border-color:var(--degraded);background:var(--degraded-bg)}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.9em;margin:.3rem 0 .6rem}
            th,td{text-align:left;padding:.3rem .55rem;border-bottom:1px solid #e4e8ec;vertical-align:top}
            th{font-weight:600;background:var(--soft);border-bottom:1px solid var(--line)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            td.addr{font-family:var(--mono);font-size:.92em;overflow-wrap:anywhere}
            tbody tr:nth-child(even){background:#fafbfc}
            figure{margin:.5rem 0 1rem}
            .wide{overflow-x:auto}
            .wide>svg.ladder{min-width:700px}
            .wide>svg.chart{min-width:760px}
            figcaption{font-size:.88em;color:var(--muted);margin:.2rem 0 .4rem}
            svg{display:block;width:100%;height:auto;overflow:visible}
            svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px;fill:var(--ink)}
            svg .tick{font-size:11px;fill:var(--muted)}
            svg .axis-caption{font-size:11px;fill:var(--muted)}
            svg .lane-label{font-size:12px;font-weight:600;fill:var(--muted)}
            svg .lane{stroke:#e7ebef;stroke-width:1}
            svg .grid{stroke:#edf0f3;stroke-width:1}
            svg .axis{stroke:#8c959f;stroke-width:1}
            svg .limit{stroke:var(--failed);stroke-width:1.5;stroke-dasharray:7 5}
            svg .limit-label{font-size:11px;fill:var(--failed);font-weight:600;paint-order:stroke;stroke:#fff;
            stroke-width:3px;stroke-linejoin:round}
            svg .chart-title{font-size:12px;font-weight:600;fill:var(--muted)}
            svg .whisker{stroke:#8c959f;stroke-width:2;stroke-linecap:round}
            svg .trend{fill:none;stroke:#8c959f;stroke-width:1;stroke-opacity:.55}
            .mark.ok,.pt.ok{fill:var(--ok);fill-opacity:.85;stroke:#fff;stroke-width:1}
            .mark.incomplete,.pt.incomplete{fill:var(--muted);stroke:#fff;stroke-width:1}
            .mark.degraded,.pt.degraded{fill:var(--degraded);stroke:#fff;stroke-width:1;stroke-linejoin:round}
            .mark.failed,.pt.failed{fill:none;stroke:var(--failed);stroke-width:3;stroke-linecap:round}
            .pt.failed{stroke-width:2.4}
            .mark.key{stroke-width:1}
            .mark.failed.key{stroke-width:2.5}
            a .mark:hover,a .pt:hover{stroke:var(--ink);stroke-width:2}
            a .mark.failed:hover,a .pt.failed:hover{stroke:var(--ink);stroke-width:4}
            .bar.ok{fill:var(--ok)}.bar.degraded{fill:var(--degraded)}.bar.failed{fill:var(--failed)}
            svg .hatch{stroke:#fff;stroke-opacity:.6;stroke-width:1.4}
            article.conn{border:1px solid var(--line);border-left:5px solid var(--failed);border-radius:8px;
            padding:.2rem 1.1rem .8rem;margin:1rem 0;background:#fff}
            article.conn.degraded{border-left-color:var(--degraded)}
            article.conn.incomplete{border-left-color:var(--muted)}
            article.conn h4{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4rem}
            .endpoints{font-size:.93em;color:var(--muted)}
            .endpoints .addr{font-family:var(--mono);color:var(--ink)}
            .job{background:var(--soft);border-radius:6px;padding:.45rem .75rem;margin:.5rem 0}
            .job strong{font-weight:600}
            ul.why{margin:.2rem 0;padding-left:1.3rem}
            ol.findings{list-style:none;margin:.2rem 0;padding:0}
            ol.findings>li{margin:.35rem 0 .7rem;padding-left:.75rem;border-left:3px solid var(--line)}
            ol.findings>li.failure{border-left-color:var(--failed)}
            ol.findings>li.warning{border-left-color:var(--degraded)}
            .sev{font-weight:700;text-transform:uppercase;font-size:.75em;letter-spacing:.05em;margin-right:.35em}
            li.failure .sev{color:var(--failed)}li.warning .sev{color:var(--degraded)}li.info .sev{color:var(--muted)}
            code.rule{color:var(--muted)}
            .frames{font-size:.9em}
            .filter-row{display:flex;align-items:stretch;gap:.4rem;margin:.3rem 0}
            pre.filter{flex:1;margin:0;padding:.35rem .6rem;background:#f2f5f8;border:1px solid var(--line);border-radius:6px;
            overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            button.copy{font:inherit;font-size:.8em;padding:.1rem .7rem;border:1px solid var(--line);border-radius:6px;
            background:#fff;color:var(--ink);cursor:pointer}
            button.copy:hover{background:var(--soft)}
            button.copy:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
            dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.2rem 1.2rem;
            font-size:.88em;margin:.5rem 0 0}
            dl.facts div{display:flex;justify-content:space-between;gap:.6rem;border-bottom:1px dotted #e1e5e9}
            dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
            details{margin:.8rem 0}
            details>summary{cursor:pointer;font-weight:600;padding:.3rem 0}
            svg.ladder .life{stroke:#6e7781;stroke-width:2}
            svg.ladder .col-head{font-size:11px;fill:var(--muted);text-transform:uppercase;letter-spacing:.05em}
            svg.ladder .end-name{font-weight:700;font-size:13px}
            svg.ladder .end-addr{font-family:var(--mono);font-size:11px;fill:var(--muted)}
            svg.ladder .frame,svg.ladder .time{font-family:var(--mono);font-size:11px;fill:var(--muted)}
            svg.ladder .frame.ev{fill:var(--accent);font-weight:700}
            svg.ladder .label{font-family:var(--mono);font-size:11px}
            svg.ladder .word{font-weight:700;fill:var(--degraded)}
            .seg .arrow{stroke:#6e7781;stroke-width:1.4}.seg .head{fill:#6e7781}
            .seg.c2s.data .arrow{stroke:var(--accent)}.seg.c2s.data .head{fill:var(--accent)}
            .seg.s2c.data .arrow{stroke:#6639ba}.seg.s2c.data .head{fill:#6639ba}
            svg.ladder .seg.rtx .arrow{stroke:var(--degraded);stroke-width:2.4;stroke-dasharray:8 4}
            svg.ladder .seg.rtx .head{fill:var(--degraded)}
            svg.ladder .seg.rst .arrow{stroke:var(--failed);stroke-width:3.2}svg.ladder .seg.rst .head{fill:var(--failed)}
            svg.ladder .seg.rst .label{fill:var(--failed);font-weight:700}
            .no-ack line{stroke:var(--failed);stroke-width:2;stroke-dasharray:4 4}
            .no-ack .x{stroke:var(--failed);stroke-width:3;stroke-linecap:round;fill:none}
            svg.ladder .no-ack text{fill:var(--failed);font-weight:700}
            .gap rect{fill:var(--soft);stroke:var(--line);stroke-dasharray:3 3}
            svg.ladder .gap text{fill:var(--muted);font-style:italic;font-size:11.5px}
            footer{color:var(--muted);font-size:.85em;margin-top:2rem}
            @media (max-width:700px){body{padding:.6rem .6rem 2rem;font-size:14px}section.capture{padding:.8rem .8rem}
            dl.meta{grid-template-columns:1fr}dl.meta dt{margin-top:.3rem}article.conn{padding:.2rem .6rem .6rem}}
            @media print{body{background:#fff;max-width:none;padding:0;font-size:10.5pt}
            section.capture{border:none;box-shadow:none;padding:0;margin:0 0 1.5rem}
            button.copy{display:none}a{color:inherit;text-decoration:none}
            .wide>svg.chart,.wide>svg.ladder{min-width:0}.wide,.scroll{overflow:visible}
            figure,ol.findings>li,tr{break-inside:avoid}article.conn{break-inside:auto;border-left-width:3px}
            h2,h3,h4{break-after:avoid}
            details::details-content{content-visibility:visible;display:block}
            .mark,.pt,.bar,.badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
            """;

    /**
     * Copy buttons for the Wireshark filters and open details when printing. The page is complete without it:
     * the buttons only appear when the script runs.
     */
    static final String SCRIPT = """
            (function(){
            function copy(code,button){
              var text=code.textContent;
              function done(){button.textContent='Copied';setTimeout(function(){button.textContent='Copy';},1500);}
              function select(){var r=document.createRange();r.selectNodeContents(code);var s=window.getSelection();
                s.removeAllRanges();s.addRange(r);button.textContent='Selected: press Ctrl+C';}
              if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(done,select);}
              else{select();}
            }
            document.querySelectorAll('pre.filter>code').forEach(function(code){
              var b=document.createElement('button');b.type='button';b.className='copy';b.textContent='Copy';
              b.setAttribute('aria-label','Copy filter '+code.textContent);
              b.addEventListener('click',function(){copy(code,b);});
              code.parentNode.parentNode.appendChild(b);
            });
            window.addEventListener('beforeprint',function(){
              document.querySelectorAll('details:not([open])').forEach(function(d){d.setAttribute('open','');d.dataset.printOpened='1';});
            });
            window.addEventListener('afterprint',function(){
              document.querySelectorAll('details[data-print-opened]').forEach(function(d){d.removeAttribute('open');delete d.dataset.printOpened;});
            });
            })();
            """;
}
