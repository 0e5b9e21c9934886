// The programme page's figures by month as a chart: points issued, redeemed and expired in
// each month (bars) and points outstanding at its end (line, right axis). The figures arrive
// after the page (htmx), with their series in #figures-data.
(function () {
  function draw() {
    var canvas = document.getElementById('chart-figures');
    var source = document.getElementById('figures-data');
    if (!canvas || !source || !window.Chart || Chart.getChart(canvas)) {
      return;
    }
    var data = JSON.parse(source.textContent);
    function bars(label, values, colour) {
      return { type: 'bar', label: label, data: values, backgroundColor: colour, yAxisID: 'y' };
    }
    new Chart(canvas, {
      data: {
        labels: data.months,
        datasets: [
          bars(canvas.dataset.issued, data.issued, '#2a5bd7'),
          bars(canvas.dataset.redeemed, data.redeemed, '#d9822b'),
          bars(canvas.dataset.expired, data.expired, '#9aa3ae'),
          { type: 'line', label: canvas.dataset.outstanding, data: data.outstanding, borderColor: '#1b7f4b',
            backgroundColor: '#1b7f4b', yAxisID: 'outstanding', tension: 0.2 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          outstanding: { position: 'right', beginAtZero: true, ticks: { precision: 0 },
            grid: { drawOnChartArea: false } }
        }
      }
    });
  }
  document.addEventListener('htmx:afterSettle', draw);
  document.addEventListener('DOMContentLoaded', draw);
})();
