// The leaders' dashboard (领导驾驶舱): follows /api/v1/dashboard/stream (server-sent events, a whole snapshot each) and
// redraws in place, never reloading the page. Charts: ECharts (the webjar this service serves).
(function () {
  'use strict';

  const CHANNELS = {
    'hotline-12345': '12345热线', zheliban: '浙里办', minhuwowei: '民呼我为', sanfuwu: '三服务小管家',
    minqing: '民情一点通', qiyema: '企业码', qinqing: '亲清在线', haochaping: '好差评',
    'service-window': '服务中心窗口', forum: '政企恳谈会', 'field-visit': '助企专员走访', open311: 'Open311',
  };
  const BOARDS = {
    PROJECT: '项目', POLICY: '政策', FINANCE: '金融', TALENT: '人才', LEGAL: '法治', SCI_TECH: '科创',
    OPENING: '开放', DATA: '数据', APPEAL: '诉求', FALLBACK: '兜底',
  };
  const COLOURS = {GREEN: ['正常', '#2f9e44'], YELLOW: ['预警', '#e8a700'], RED: ['超期', '#d64545']};
  const dateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  const clock = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });

  const $ = id => document.getElementById(id);
  const charts = {};

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id), null, {renderer: 'canvas'});
    }
    return charts[id];
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + '%';
  }

  function text(tag, value, attributes) {
    const node = document.createElement(tag);
    node.textContent = value;
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function drawTiles(s) {
    const handling = Object.values(s.openByColour).reduce((a, b) => a + b, 0);
    $('intake-today').textContent = s.intakeToday;
    $('handling').textContent = handling;
    $('overdue-total').textContent = s.overdueTotal;
    $('awaiting').textContent = s.awaitingFeedback;
    $('updated').textContent = clock.format(new Date(s.generatedAt));
  }

  function drawChannels(s) {
    const entries = Object.entries(s.intakeTodayByChannel).sort((a, b) => b[1] - a[1]);
    chart('chart-channels').setOption({
      animation: false,
      grid: {left: 8, right: 24, top: 8, bottom: 8, containLabel: true},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', inverse: true, data: entries.map(e => CHANNELS[e[0]] || e[0])},
      series: [{type: 'bar', data: entries.map(e => e[1]), label: {show: true, position: 'right'}, itemStyle: {color: '#1d5fbf'}}],
    }, true);
  }

  function drawColours(s) {
    chart('chart-colours').setOption({
      animation: false,
      legend: {bottom: 0},
      series: [{
        type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
        label: {formatter: '{b} {c}'},
        data: Object.entries(COLOURS).map(([colour, [name, paint]]) =>
          ({name: name, value: s.openByColour[colour] || 0, itemStyle: {color: paint}})),
      }],
    }, true);
  }

  function drawTrend(s) {
    $('trend-days').textContent = s.trend.length;
    chart('chart-trend').setOption({
      animation: false,
      tooltip: {trigger: 'axis'},
      legend: {top: 0},
      grid: {left: 8, right: 16, top: 30, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: s.trend.map(d => d.day.slice(5))},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {name: '受理', type: 'line', smooth: true, data: s.trend.map(d => d.received)},
        {name: '答复', type: 'line', smooth: true, data: s.trend.map(d => d.resolved)},
        {name: '办结', type: 'line', smooth: true, data: s.trend.map(d => d.closed)},
      ],
    }, true);
  }

  /** The rates of the regions right below the top of the tree as bars; the whole tree as an indented list. */
  function drawRegions(s) {
    $('rates-days').textContent = s.ratesDays;
    const roots = s.regions.filter(r => !r.parent);
    const children = parent => s.regions.filter(r => r.parent === parent);
    const top = roots.length === 1 && children(roots[0].code).length ? children(roots[0].code) : roots;
    chart('chart-regions').setOption({
      animation: false,
      tooltip: {trigger: 'axis', valueFormatter: v => (v === null ? '–' : v + '%')},
      legend: {top: 0},
      grid: {left: 8, right: 16, top: 30, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: top.map(r => r.name), axisLabel: {interval: 0, rotate: top.length > 4 ? 40 : 0}},
      yAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
      series: [
        {name: '办结率', type: 'bar', data: top.map(r => r.closureRate === null ? null : +(r.closureRate * 100).toFixed(1))},
        {name: '满意率', type: 'bar', data: top.map(r => r.satisfactionRate === null ? null : +(r.satisfactionRate * 100).toFixed(1))},
      ],
    }, true);
    const tree = $('region-tree');
    tree.replaceChildren();
    const branch = (region, into) => {
      const item = document.createElement('li');
      item.setAttribute('data-region', region.code);
      item.append(text('strong', region.name + ' '),
        text('span', '受理' + region.cases + ' · 办结率 ' + percent(region.closureRate) + ' · 满意率 ' +
          percent(region.satisfactionRate), {'class': 'rates'}));
      const below = children(region.code);
      if (below.length) {
        const list = document.createElement('ul');
        below.forEach(child => branch(child, list));
        item.append(list);
      }
      into.append(item);
    };
    roots.forEach(root => branch(root, tree));
    if (!roots.length) {
      tree.append(text('li', '近期没有受理的案件。', {'class': 'muted'}));
    }
  }

  function drawOverdue(s) {
    const body = $('overdue');
    body.replaceChildren();
    s.overdue.forEach(c => {
      const row = document.createElement('tr');
      row.setAttribute('data-case-id', c.caseId);
      row.append(text('td', (c.title || '') + ' ' + (c.caseNumber || '')), text('td', c.departmentName || c.regionCode || ''),
        text('td', c.dueAt ? dateTime.format(new Date(c.dueAt)) : '–'));
      body.append(row);
    });
    if (!s.overdue.length) {
      const row = document.createElement('tr');
      row.append(text('td', '没有超期案件。', {colspan: '3', 'class': 'muted'}));
      body.append(row);
    } else if (s.overdueTotal > s.overdue.length) {
      const row = document.createElement('tr');
      row.append(text('td', '另有 ' + (s.overdueTotal - s.overdue.length) + ' 件', {colspan: '3', 'class': 'muted'}));
      body.append(row);
    }
  }

  function drawIssues(s) {
    $('issues-source').textContent = s.commonIssuesSource === 'boards'
      ? '共性问题报告接入前，暂以近' + s.ratesDays + '天案件最多的服务板块代替'
      : '来源：' + s.commonIssuesSource;
    const list = $('issues');
    list.replaceChildren();
    s.commonIssues.forEach(issue => {
      const details = [issue.cases + '件'];
      if (issue.enterprises !== null && issue.enterprises !== undefined) {
        details.push(issue.enterprises + '家企业');
      }
      if (issue.regions !== null && issue.regions !== undefined) {
        details.push(issue.regions + '个区域');
      }
      list.append(text('li', (BOARDS[issue.label] || issue.label) + ' · ' + details.join(' · ')));
    });
  }

  function draw(s) {
    drawTiles(s);
    drawChannels(s);
    drawColours(s);
    drawTrend(s);
    drawRegions(s);
    drawOverdue(s);
    drawIssues(s);
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  }

  function live(state) {
    const badge = $('live');
    badge.className = 'live' + (state === 'live' ? ' on' : '');
    badge.textContent = state === 'live' ? '实时' : '重连中';
  }

  async function main() {
    $('sign-out').addEventListener('click', () => Qihu.signOut());
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
    let person;
    try {
      person = await Qihu.start('/dashboard');
    } catch (e) {
      $('message').hidden = false;
      $('message').textContent = e.message;
      return;
    }
    $('who').textContent = person.name;
    try {
      const first = await Qihu.api('GET', '/api/v1/dashboard');
      $('region-name').textContent = regionName(first);
      draw(first);
    } catch (e) {
      $('message').hidden = false;
      $('message').textContent = '驾驶舱读取失败：' + e.message;
      return;
    }
    Qihu.stream('/api/v1/dashboard/stream', (name, data) => {
      if (name === 'snapshot') {
        $('message').hidden = true;
        draw(JSON.parse(data));
      }
    }, (state, error) => {
      live(state);
      if (error && error.status) {
        $('message').hidden = false;
        $('message').textContent = '实时更新中断：' + error.message;
      }
    });
  }

  function regionName(s) {
    const own = s.regions.find(r => r.code === s.region);
    return own ? own.name : (s.region || '全省');
  }

  main();
})();
