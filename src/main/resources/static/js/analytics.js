// Charts of the analytics dashboard, drawn from the JSON the page embeds (#analytics-data).
// Clicking a bar or point opens the list of the customers behind it.
(function () {
  function init() {
    // tables whose latest columns are on the right open scrolled to them
    document.querySelectorAll('.scroll-end').forEach(function (box) {
      box.scrollLeft = box.scrollWidth;
    });
    var source = document.getElementById('analytics-data');
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var accent = '#2a5bd7';

    function drill(params) {
      var query = new URLSearchParams(params);
      if (data.run) {
        query.set('run', data.run);
      }
      window.location.href = data.list + '?' + query.toString();
    }

    function draw(id, config, pick) {
      var canvas = document.getElementById(id);
      if (!canvas) {
        return;
      }
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
      if (pick) {
        config.options.onClick = function (event, elements) {
          if (elements.length) {
            pick(elements[0]);
          }
        };
        config.options.onHover = function (event, elements) {
          event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
        };
      }
      new Chart(canvas, config);
    }

    function bars(id, counts, horizontal, param) {
      draw(id, {
        type: 'bar',
        data: {
          labels: counts.map(function (c) { return c.label; }),
          datasets: [{ label: data.labels.customers, data: counts.map(function (c) { return c.customers; }),
            backgroundColor: accent }]
        },
        options: { indexAxis: horizontal ? 'y' : 'x', plugins: { legend: { display: false } },
          scales: horizontal ? { x: { ticks: { precision: 0 } } } : { y: { ticks: { precision: 0 } } } }
      }, function (element) {
        var params = {};
        params[param] = counts[element.index].key;
        drill(params);
      });
    }

    // Lorenz curve: a point at x % of buyers opens the customers above it (the top 100 - x %).
    draw('chart-lorenz', {
      type: 'line',
      data: {
        datasets: [
          { label: data.labels.lorenz, data: data.lorenz.map(function (p) { return { x: p[0], y: p[1] }; }),
            borderColor: accent, pointRadius: 3 },
          { label: data.labels.equality, data: [{ x: 0, y: 0 }, { x: 100, y: 100 }], borderColor: '#98a2b3',
            borderDash: [4, 4], pointRadius: 0 }
        ]
      },
      options: { scales: { x: { type: 'linear', min: 0, max: 100 }, y: { min: 0, max: 100 } } }
    }, function (element) {
      if (element.datasetIndex === 0) {
        var top = Math.round(100 - data.lorenz[element.index][0]);
        drill({ top: Math.min(100, Math.max(1, top)) });
      }
    });

    bars('chart-segments', data.segments, false, 'segment');
    bars('chart-funnel', data.stages, true, 'stage');

    // Cohort retention: the curve of all cohorts (weighted by buyers) in bold, the latest
    // cohorts thin; a point of a cohort opens its buyers.
    var cohortNames = Object.keys(data.cohorts);
    var cohortSets = [{ label: data.labels.overall, data: data.overall.map(function (p) { return { x: p[0], y: p[1] }; }),
      borderColor: accent, borderWidth: 3, pointRadius: 2 }].concat(cohortNames.map(function (name, i) {
      return { label: name, data: data.cohorts[name].map(function (p) { return { x: p[0], y: p[1] }; }),
        borderColor: 'hsl(' + (20 + i * 57) % 360 + ', 55%, 55%)', borderWidth: 1, pointRadius: 2 };
    }));
    // the month of the first purchase is 100 % by definition: the chart starts a month
    // later, its height fitted to the highest share after it
    var later = [];
    cohortSets.forEach(function (set) {
      set.data.forEach(function (p) { if (p.x >= 1 && p.y !== null) { later.push(p.y); } });
    });
    var top = later.length === 0 ? 100
      : Math.min(100, Math.max(10, Math.ceil(Math.max.apply(null, later) * 1.15 / 10) * 10));
    draw('chart-cohorts', {
      type: 'line',
      data: { datasets: cohortSets },
      options: { scales: { x: { type: 'linear', min: later.length === 0 ? 0 : 1, ticks: { precision: 0 } },
        y: { min: 0, max: top, title: { display: true, text: data.labels.retention } } } }
    }, function (element) {
      if (element.datasetIndex > 0) {
        drill({ cohort: cohortNames[element.datasetIndex - 1] });
      }
    });

    // CLV histogram: a bar opens the buyers whose predicted CLV lies in its range.
    draw('chart-clv', {
      type: 'bar',
      data: {
        labels: data.clv.map(function (b) { return b[1] === null ? data.labels.clvAbove + ' ' + b[0] : b[0] + ' – ' + b[1]; }),
        datasets: [{ label: data.labels.customers, data: data.clv.map(function (b) { return b[2]; }),
          backgroundColor: accent, categoryPercentage: 1.0, barPercentage: 0.95 }]
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } }
    }, function (element) {
      var bin = data.clv[element.index];
      var params = { clvFrom: bin[0] };
      if (bin[1] !== null) {
        params.clvTo = bin[1];
      }
      drill(params);
    });
  }

  document.addEventListener('DOMContentLoaded', init);
})();
