// The handlers' web app: my tasks with their deadline's colour and time left, claim, reply, return, pause, resume,
// ask for an extension, the case history; supervisors' view of warnings and overdue tasks. Talks to this service's
// /api/v1 with the signed-in person's token (/qihu-web/signin.js).
(function () {
  'use strict';

  const STATUS = {
    ASSIGNED: '待签收',
    CLAIMED: '办理中',
    PAUSED: '已暂停',
    RESOLVED: '已办结',
    UNROUTED: '待分拨',
  };
  const COLOUR = {GREEN: '正常', YELLOW: '预警', RED: '超期'};
  const ACTION = {
    claim: {label: '签收', path: 'claim', fields: []},
    resolve: {label: '办结答复', path: 'resolve', fields: [{name: 'reply', label: '答复企业', type: 'textarea'}]},
    'return': {label: '退回', path: 'return', fields: [{name: 'reason', label: '退回理由', type: 'textarea'}]},
    pause: {label: '暂停计时', path: 'pause', fields: [{name: 'reason', label: '暂停原因（等待企业补充材料）', type: 'textarea'}]},
    resume: {label: '恢复计时', path: 'resume', fields: []},
    extension: {
      label: '申请延期',
      path: 'extension',
      fields: [
        {name: 'workingDays', label: '延长工作日', type: 'number'},
        {name: 'reason', label: '延期理由', type: 'textarea'},
      ],
    },
  };
  const WATCHERS = ['supervisor', 'leader', 'admin'];
  const ACTORS = ['handler', 'admin'];
  const REFRESH_MS = 30000;
  const dateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });

  let person = null;
  let view = 'mine';
  let tasks = [];

  const $ = id => document.getElementById(id);

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function showMessage(text, kind) {
    const box = $('message');
    box.hidden = !text;
    box.className = kind === 'ok' ? 'notice' : 'problem';
    box.textContent = text || '';
  }

  /** "剩余 2天3小时" or "已超期 5小时": wall-clock time to the deadline (23:59:59 of its last working day). */
  function timeLeft(task, now) {
    if (!task.dueAt) {
      return {text: '时限待定', overdue: false};
    }
    let ms = Date.parse(task.dueAt) - now;
    const overdue = ms < 0;
    ms = Math.abs(ms);
    const days = Math.floor(ms / 86400000);
    const hours = Math.floor((ms % 86400000) / 3600000);
    const minutes = Math.floor((ms % 3600000) / 60000);
    const span = days > 0 ? days + '天' + hours + '小时' : hours > 0 ? hours + '小时' + minutes + '分' : minutes + '分';
    return {text: (overdue ? '已超期 ' : '剩余 ') + span, overdue: overdue};
  }

  function open(task) {
    return task.status !== 'RESOLVED';
  }

  function actionsFor(task) {
    if (!person.roles.some(r => ACTORS.includes(r))) {
      return [];
    }
    switch (task.status) {
      case 'ASSIGNED':
        return ['claim', 'return'];
      case 'CLAIMED':
        return ['resolve', 'return', 'pause', 'extension'];
      case 'PAUSED':
        return ['resume'];
      default:
        return [];
    }
  }

  function visibleTasks() {
    if (view === 'watch') {
      return tasks
        .filter(t => open(t) && (t.slaColour === 'YELLOW' || t.slaColour === 'RED'))
        .sort((a, b) => (a.slaColour === b.slaColour ? 0 : a.slaColour === 'RED' ? -1 : 1));
    }
    return tasks.filter(open);
  }

  function render() {
    const now = Date.now();
    const shown = visibleTasks();
    const list = $('tasks');
    list.replaceChildren();
    const red = shown.filter(t => t.slaColour === 'RED').length;
    const yellow = shown.filter(t => t.slaColour === 'YELLOW').length;
    $('summary').textContent = shown.length + ' 件' + (view === 'watch' ? '需督办' : '待办') +
      (red ? '，超期 ' + red : '') + (yellow ? '，预警 ' + yellow : '');
    if (!shown.length) {
      list.append(element('p', {'class': 'muted', id: 'empty'}, view === 'watch' ? '没有预警或超期的任务。' : '没有待办任务。'));
    }
    shown.forEach(task => {
      const left = timeLeft(task, now);
      const colour = task.slaColour || 'GREEN';
      const title = element('h2', {'data-open': task.taskId}, task.title || task.caseNumber);
      title.addEventListener('click', () => showDetail(task.taskId));
      const buttons = actionsFor(task).map(name => {
        const button = element('button', {type: 'button', 'data-action': name, 'class': name === 'claim' || name === 'resolve' ? 'primary' : null}, ACTION[name].label);
        button.addEventListener('click', () => act(task, name));
        return button;
      });
      const history = element('button', {type: 'button', 'data-action': 'history'}, '办理记录');
      history.addEventListener('click', () => showDetail(task.taskId));
      list.append(element('article', {'class': 'card task ' + colour, 'data-task-id': task.taskId, 'data-status': task.status},
        title,
        element('div', {'class': 'line'},
          element('span', {'class': 'badge ' + colour}, COLOUR[colour] || colour),
          element('span', {'class': 'left ' + (left.overdue ? 'RED' : '')}, left.text),
          element('span', {'class': 'muted'}, STATUS[task.status] || task.status)),
        element('div', {'class': 'muted'},
          task.caseNumber + ' · ' + (task.departmentName || task.departmentId || '') +
          (task.dueAt ? ' · 时限 ' + dateTime.format(new Date(task.dueAt)) : '')),
        element('div', {'class': 'actions'}, buttons, history)));
    });
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
  }

  async function load() {
    try {
      tasks = await Qihu.api('GET', '/api/v1/tasks');
      render();
    } catch (e) {
      showMessage('任务列表读取失败：' + e.message);
    }
  }

  function notOfferedYet(error, name) {
    return error.status === 404 && ['pause', 'resume', 'extension'].includes(name);
  }

  /** Runs an action: straight away when it needs no input, else through the form; the service's problem is shown. */
  function act(task, name) {
    const action = ACTION[name];
    if (!action.fields.length) {
      send(task, name, {}).then(() => load(), e => showMessage(explain(e, name)));
      return;
    }
    const dialog = $('act');
    $('act-title').textContent = action.label + ' · ' + (task.title || task.caseNumber);
    $('act-problem').hidden = true;
    $('act-fields').replaceChildren(...action.fields.map(field => [
      element('label', {'for': 'act-' + field.name}, field.label),
      field.type === 'textarea'
        ? element('textarea', {id: 'act-' + field.name, name: field.name})
        : element('input', {id: 'act-' + field.name, name: field.name, type: field.type, min: 1, step: 1}),
    ]).flat());
    const form = $('act-form');
    form.onsubmit = event => {
      event.preventDefault();
      const body = {};
      action.fields.forEach(field => {
        const value = $('act-' + field.name).value;
        body[field.name] = field.type === 'number' ? (value === '' ? null : Number(value)) : value;
      });
      $('act-submit').disabled = true;
      send(task, name, body)
        .then(() => {
          dialog.close();
          load();
        }, e => {
          const box = $('act-problem');
          box.hidden = false;
          box.textContent = explain(e, name);
        })
        .finally(() => { $('act-submit').disabled = false; });
    };
    dialog.showModal();
  }

  function explain(error, name) {
    return notOfferedYet(error, name)
      ? ACTION[name].label + '：本服务尚未提供（' + error.message + '）'
      : ACTION[name].label + '未成功：' + error.message;
  }

  async function send(task, name, body) {
    const done = await Qihu.api('POST', '/api/v1/tasks/' + encodeURIComponent(task.taskId) + '/' + ACTION[name].path, body);
    showMessage(ACTION[name].label + '成功：' + (task.title || task.caseNumber), 'ok');
    return done;
  }

  /** The case's history: the case-wide one when the service offers it, the task's own otherwise. */
  async function historyOf(task) {
    try {
      const answer = await Qihu.api('GET', '/api/v1/cases/' + encodeURIComponent(task.caseId) + '/history');
      const entries = Array.isArray(answer) ? answer : answer && (answer.entries || answer.history);
      if (Array.isArray(entries)) {
        return entries;
      }
    } catch (e) {
      if (e.status !== 404) {
        throw e;
      }
    }
    return task.history || [];
  }

  async function showDetail(taskId) {
    const dialog = $('detail');
    try {
      const task = await Qihu.api('GET', '/api/v1/tasks/' + encodeURIComponent(taskId));
      const history = await historyOf(task);
      $('detail-title').textContent = task.title || task.caseNumber;
      $('detail-body').replaceChildren(
        element('p', {'class': 'muted'}, task.caseNumber + ' · 第' + task.round + '轮 · ' + (STATUS[task.status] || task.status)),
        element('p', {'class': 'content'}, task.content || ''),
        task.reply ? element('p', {'class': 'notice'}, '答复：' + task.reply) : null);
      $('detail-history').replaceChildren(...history.map(entry => element('li', {},
        (entry.at ? dateTime.format(new Date(entry.at)) + ' ' : '') +
        (entry.action || entry.type || '') + (entry.by ? ' · ' + entry.by : '') + (entry.note ? ' · ' + entry.note : ''))));
      dialog.showModal();
    } catch (e) {
      showMessage('读取任务失败：' + e.message);
    }
  }

  function choose(next) {
    view = next;
    document.querySelectorAll('#tabs button').forEach(b => b.setAttribute('aria-selected', String(b.dataset.view === view)));
    render();
  }

  async function main() {
    document.querySelectorAll('dialog [data-close]').forEach(b => b.addEventListener('click', () => b.closest('dialog').close()));
    $('sign-out').addEventListener('click', () => Qihu.signOut());
    try {
      person = await Qihu.start('/app');
    } catch (e) {
      showMessage(e.message);
      return;
    }
    $('who').textContent = person.name + (person.region ? ' · ' + person.region : '');
    const watch = document.querySelector('#tabs [data-view="watch"]');
    watch.hidden = !person.roles.some(r => WATCHERS.includes(r));
    document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => choose(b.dataset.view)));
    if (!person.roles.some(r => ACTORS.includes(r)) && !watch.hidden) {
      choose('watch');
    }
    await load();
    setInterval(load, REFRESH_MS);
  }

  main();
})();
