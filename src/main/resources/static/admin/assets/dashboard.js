// The dashboard's charts, drawn from the JSON blocks the page carries (no inline script: see the content policy).
(function () {
  function read(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }
  function draw() {
    var data = read('dashboard-data');
    var label = read('dashboard-labels');
    if (!data || typeof Chart === 'undefined') {
      return;
    }
    var still = { animation: false, responsive: true, maintainAspectRatio: true };
    var days = function (rows) { return rows.map(function (row) { return row.start; }); };
    new Chart(document.getElementById('chart-members'), {
      type: 'line', options: still,
      data: { labels: days(data.members), datasets: [
        { label: label.enrolled, data: data.members.map(function (r) { return r.enrolled; }) },
        { label: label.active, data: data.members.map(function (r) { return r.active; }) }] }
    });
    new Chart(document.getElementById('chart-units'), {
      type: 'bar', options: still,
      data: { labels: days(data.units), datasets: [
        { label: label.issued, data: data.units.map(function (r) { return r.issued; }) },
        { label: label.redeemed, data: data.units.map(function (r) { return r.redeemed; }) },
        { label: label.expired, data: data.units.map(function (r) { return r.expired; }) }] }
    });
    new Chart(document.getElementById('chart-liability'), {
      type: 'line', options: still,
      data: { labels: days(data.units), datasets: [
        { label: label.liability, data: data.units.map(function (r) { return Number(r.liability); }) }] }
    });
    new Chart(document.getElementById('chart-redemption'), {
      type: 'line', options: still,
      data: { labels: days(data.units), datasets: [
        { label: label.redemptionRate, data: data.units.map(function (r) { return r.redemptionRate === null ? null : Number(r.redemptionRate) * 100; }) }] }
    });
    new Chart(document.getElementById('chart-tiers'), {
      type: 'doughnut', options: still,
      data: { labels: data.tiers.map(function (r) { return r.tier; }), datasets: [
        { label: label.members, data: data.tiers.map(function (r) { return r.members; }) }] }
    });
    new Chart(document.getElementById('chart-rewards'), {
      type: 'bar', options: Object.assign({ indexAxis: 'y' }, still),
      data: { labels: data.topRewards.map(function (r) { return r.code; }), datasets: [
        { label: label.redemptions, data: data.topRewards.map(function (r) { return r.redeemed; }) }] }
    });
    document.getElementById('dashboard').setAttribute('data-charts', 'drawn');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
