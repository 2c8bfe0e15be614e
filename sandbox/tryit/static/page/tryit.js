/*
 * The try-it page: boots the Apps Script realm with the add-on's files, runs its onOpen (the
 * "Azulejo" menu), shows its sidebar, fires its triggers when the person types, and logs each
 * execution the way the Apps Script editor lists them.
 */
'use strict';

(function () {
  var config = JSON.parse(document.getElementById('tryit-config').textContent);
  config.pageUrl = window.location.href;
  var EXECUTIONS_SHOWN = 12;
  var ORIGINS = { client: 'painel', menu: 'menu', trigger: 'gatilho' };

  var grid = new window.TryIt.Grid(document.querySelector('[data-testid=sheet]'), config, fireEditTriggers);
  var realm = new window.TryIt.RealmHost(config, { ui: showUi, activeSheet: function () { return grid.activeSheet(); },
    execution: logExecution });
  var records = new window.TryIt.Records(document.querySelector('[data-testid=contaazul]'), config);

  // What the sidebar's google.script (shim/client.js) talks to.
  window.__tryitHost = {
    publicFunctions: function () { return realm.functions.slice(); },
    run: function (fn, args) { return realm.run(fn, { from: 'client', args: args }); },
    close: function (frame) { closeFrame(frame); },
    focusEditor: function () { grid.table.focus(); }
  };

  function pageError(text) {
    var banner = document.querySelector('[data-testid=page-error]');
    banner.textContent = text;
    banner.hidden = false;
  }

  // --- UI the scripts ask for ----------------------------------------------------------------

  function showUi(message) {
    if (message.action === 'menu') {
      addMenu(message.menu);
    } else if (message.action === 'sidebar') {
      showSidebar(message.title, message.html);
    } else if (message.action === 'alert') {
      showDialog(message.title, message.prompt, null);
    } else if (message.action === 'dialog') {
      showDialog(message.title, null, message.html);
    } else if (message.action === 'activate') {
      grid.activate(message.sheet, message.row, message.column, message.numRows, message.numColumns);
    }
  }

  /** The sidebar's HTML with google.script loaded first (Google serves it inside its own frame). */
  function withClient(html) {
    var tag = '<script src="' + config.staticRoot + 'shim/client.js"></script>';
    var head = /<head(\s[^>]*)?>/i.exec(html);
    if (head) {
      return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
    }
    return tag + html;
  }

  function showSidebar(title, html) {
    var sidebar = document.querySelector('[data-testid=sidebar]');
    sidebar.querySelector('[data-testid=sidebar-title]').textContent = title || 'Apps Script';
    sidebar.querySelector('iframe').srcdoc = withClient(html);
    sidebar.hidden = false;
  }

  function showDialog(title, text, html) {
    var dialog = document.querySelector('[data-testid=dialog]');
    dialog.querySelector('[data-testid=dialog-title]').textContent = title;
    var body = dialog.querySelector('[data-testid=dialog-body]');
    body.innerHTML = '';
    if (html !== null) {
      var frame = document.createElement('iframe');
      frame.title = title;
      frame.srcdoc = withClient(html);
      body.appendChild(frame);
    } else {
      body.textContent = text;
    }
    dialog.hidden = false;
    dialog.querySelector('[data-testid=dialog-ok]').focus();
  }

  function closeFrame(frame) {
    var sidebar = document.querySelector('[data-testid=sidebar]');
    if (!frame || sidebar.contains(frame)) {
      sidebar.hidden = true;
      sidebar.querySelector('iframe').srcdoc = '';
    } else {
      document.querySelector('[data-testid=dialog]').hidden = true;
    }
  }

  // --- Menus ---------------------------------------------------------------------------------

  function addMenu(menu) {
    var bar = document.querySelector('[data-testid=menubar]');
    var caption = menu.addon ? 'Extensões' : menu.caption;
    var old = bar.querySelector('[data-menu="' + CSS.escape(caption) + '"]');
    if (old) {
      old.remove();
    }
    var wrapper = document.createElement('div');
    wrapper.className = 'menu';
    wrapper.dataset.menu = caption;
    var button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.setAttribute('aria-haspopup', 'true');
    button.setAttribute('aria-expanded', 'false');
    button.textContent = caption;
    var list = document.createElement('div');
    list.className = 'menu-list';
    list.setAttribute('role', 'menu');
    list.hidden = true;
    var items = menu.addon ? [{ caption: 'Azulejo', items: menu.items }] : menu.items;
    fillMenu(list, items, close);
    function close() {
      list.hidden = true;
      button.setAttribute('aria-expanded', 'false');
    }
    button.addEventListener('click', function () {
      list.hidden = !list.hidden;
      button.setAttribute('aria-expanded', String(!list.hidden));
      if (!list.hidden) {
        var first = list.querySelector('[role=menuitem]');
        if (first) { first.focus(); }
      }
    });
    wrapper.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { close(); button.focus(); }
    });
    document.addEventListener('mousedown', function (event) {
      if (!wrapper.contains(event.target)) { close(); }
    });
    wrapper.appendChild(button);
    wrapper.appendChild(list);
    bar.appendChild(wrapper);
  }

  function fillMenu(list, items, close) {
    items.forEach(function (item) {
      if (item.separator) {
        list.appendChild(document.createElement('hr'));
        return;
      }
      if (item.items) {
        var group = document.createElement('div');
        group.className = 'menu-group';
        group.setAttribute('role', 'group');
        group.setAttribute('aria-label', item.caption);
        var label = document.createElement('div');
        label.className = 'menu-group-label';
        label.textContent = item.caption + ' ›';
        group.appendChild(label);
        fillMenu(group, item.items, close);
        list.appendChild(group);
        return;
      }
      var entry = document.createElement('button');
      entry.type = 'button';
      entry.setAttribute('role', 'menuitem');
      entry.textContent = item.caption;
      entry.addEventListener('click', function () {
        close();
        realm.run(item.fn, { from: 'menu', label: item.fn + ' (menu ' + item.caption + ')' }).catch(function () {});
      });
      list.appendChild(entry);
    });
  }

  // --- Triggers ------------------------------------------------------------------------------

  /** After the person's edit: the simple onEdit (if any), then this person's installable triggers. */
  function fireEditTriggers(edit) {
    var event = Object.assign({ kind: 'edit' }, edit);
    if (realm.functions.indexOf('onEdit') >= 0) {
      realm.run('onEdit', { from: 'trigger', authMode: 'LIMITED', label: 'onEdit (gatilho simples)',
        event: Object.assign({}, event, { authMode: 'LIMITED' }) }).catch(function () {});
    }
    fetch(config.appRoot + 'google/triggers').then(function (answer) { return answer.json(); }).then(function (triggers) {
      triggers.filter(function (trigger) {
        return trigger.source_id === config.spreadsheetId &&
          (trigger.event_type === 'ON_EDIT' || trigger.event_type === 'ON_CHANGE');
      }).forEach(function (trigger) {
        var onEdit = trigger.event_type === 'ON_EDIT';
        realm.run(trigger.handler, {
          from: 'trigger', authMode: 'FULL',
          label: trigger.handler + (onEdit ? ' (gatilho ao editar)' : ' (gatilho ao mudar)'),
          event: Object.assign({}, event, { kind: onEdit ? 'edit' : 'change', authMode: 'FULL',
            triggerUid: trigger.unique_id })
        }).catch(function () {});
      });
    });
  }

  // --- Executions ----------------------------------------------------------------------------

  function logExecution(record) {
    var list = document.querySelector('[data-testid=executions-list]');
    var item = document.createElement('li');
    item.dataset.testid = 'execution';
    item.dataset.fn = record.fn;
    item.dataset.ok = String(record.ok);
    item.className = record.ok ? 'ok' : 'bad';
    var time = new Date().toLocaleTimeString('pt-BR');
    item.textContent = time + ' · ' + record.label + ' · ' + ORIGINS[record.from] + ' · ' + record.ms + ' ms' +
      (record.ok ? ' · concluída' : ' · falhou: ' + record.error);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > EXECUTIONS_SHOWN) {
      list.removeChild(list.lastChild);
    }
  }

  // --- Start ---------------------------------------------------------------------------------

  document.querySelector('[data-testid=sidebar-close]').addEventListener('click', function () { closeFrame(null); });
  document.querySelector('[data-testid=dialog-ok]').addEventListener('click', function () {
    document.querySelector('[data-testid=dialog]').hidden = true;
  });
  document.querySelector('[data-testid=explanation-toggle]').addEventListener('click', function (event) {
    var panel = document.querySelector('[data-testid=explanation]');
    panel.hidden = !panel.hidden;
    event.currentTarget.setAttribute('aria-expanded', String(!panel.hidden));
  });

  grid.start().then(function () {
    return realm.ready;
  }).then(function () {
    document.body.dataset.ready = 'true';
    if (realm.functions.indexOf('onOpen') >= 0) {
      return realm.run('onOpen', { from: 'trigger', authMode: 'LIMITED', label: 'onOpen (gatilho simples)',
        event: { kind: 'open', authMode: 'LIMITED' } });
    }
  }).catch(function (error) {
    pageError('O add-on não pôde ser carregado: ' + (error && error.message ? error.message : error));
  });
  records.start();
})();
