/*
 * The spreadsheet as a person sees it: tabs, a grid of the cells as Sheets shows them, a name box
 * and the selected cell's text. Typing writes through the Sheets stand-in as a person would
 * (USER_ENTERED, pt_BR); the grid then tells the page, which fires the add-on's edit triggers.
 * What others write (the backend's status cells) shows up as the grid refreshes.
 */
'use strict';

(function () {
  var REFRESH_MS = 1500;
  var MIN_ROWS = 30;
  var MIN_COLUMNS = 12;

  var letters = self.__tryitA1.letters;

  function Grid(root, config, onEdit) {
    this.root = root;
    this.config = config;
    this.onEdit = onEdit; // (edit) => void: {sheet, row, column, numRows, numColumns, value, oldValue}
    this.tab = null;
    this.tabs = [];
    this.values = [];
    this.selected = { row: 1, column: 1 };
    this.highlight = null; // a range selected by the add-on (Range.activate)
    this.editor = null;
    this.writing = false;
    this.table = root.querySelector('[data-testid=grid]');
    this.tabBar = root.querySelector('[data-testid=tabs]');
    this.nameBox = root.querySelector('[data-testid=name-box]');
    this.formula = root.querySelector('[data-testid=formula]');
    this.scroller = root.querySelector('.grid-scroll');
    this.bind();
  }

  Grid.prototype.start = function () {
    var grid = this;
    return this.load(null).then(function () {
      setInterval(function () { if (!grid.writing) { grid.load(grid.tab); } }, REFRESH_MS);
    });
  };

  Grid.prototype.activeSheet = function () { return this.tab; };

  Grid.prototype.load = function (tab) {
    var grid = this;
    var url = this.config.appRoot + 'sheet' + (tab ? '?tab=' + encodeURIComponent(tab) : '');
    return fetch(url).then(function (answer) { return answer.json(); }).then(function (sheet) {
      var tabsChanged = JSON.stringify(sheet.tabs) !== JSON.stringify(grid.tabs) || sheet.tab !== grid.tab;
      grid.tabs = sheet.tabs;
      if (sheet.tab !== grid.tab) {
        grid.tab = sheet.tab;
        grid.values = [];
        grid.table.innerHTML = '';
      }
      if (tabsChanged) {
        grid.renderTabs();
      }
      grid.update(sheet.values);
    });
  };

  Grid.prototype.text = function (row, column) {
    var cells = this.values[row - 1] || [];
    var value = cells[column - 1];
    return value === undefined || value === null ? '' : String(value);
  };

  Grid.prototype.renderTabs = function () {
    var grid = this;
    this.tabBar.innerHTML = '';
    this.tabs.forEach(function (tab) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(tab.title === grid.tab));
      button.dataset.testid = 'tab';
      button.textContent = tab.title;
      button.addEventListener('click', function () { grid.showTab(tab.title); });
      grid.tabBar.appendChild(button);
    });
  };

  Grid.prototype.showTab = function (title) {
    if (title === this.tab) {
      return Promise.resolve();
    }
    this.closeEditor(false);
    this.selected = { row: 1, column: 1 };
    this.highlight = null;
    return this.load(title);
  };

  /** Redraws the cells whose text changed (and the grid's frame when it must grow). */
  Grid.prototype.update = function (values) {
    var previous = this.values;
    this.values = values;
    var rows = Math.max(MIN_ROWS, values.length + 5);
    var columns = Math.max(MIN_COLUMNS, values.reduce(function (n, row) { return Math.max(n, row.length); }, 0) + 1);
    var tab = this.tabs.filter(function (t) { return t.title === this.tab; }, this)[0];
    columns = Math.min(columns, tab ? tab.columns : columns);
    if (this.table.rows.length !== rows + 1 || this.table.rows[0].cells.length !== columns + 1) {
      this.build(rows, columns);
      previous = [];
    }
    for (var r = 1; r <= rows; r++) {
      for (var c = 1; c <= columns; c++) {
        var before = ((previous[r - 1] || [])[c - 1]);
        var now = this.text(r, c);
        if ((before === undefined ? '' : String(before)) !== now || !previous.length) {
          this.paint(this.table.rows[r].cells[c], now, previous.length > 0);
        }
      }
    }
    this.showSelection();
  };

  Grid.prototype.build = function (rows, columns) {
    var grid = this;
    var html = ['<thead><tr><th class="corner"></th>'];
    for (var c = 1; c <= columns; c++) {
      html.push('<th scope="col">' + letters(c) + '</th>');
    }
    html.push('</tr></thead><tbody>');
    for (var r = 1; r <= rows; r++) {
      html.push('<tr><th scope="row">' + r + '</th>');
      for (c = 1; c <= columns; c++) {
        html.push('<td data-a1="' + letters(c) + r + '" data-row="' + r + '" data-column="' + c + '"></td>');
      }
      html.push('</tr>');
    }
    html.push('</tbody>');
    this.table.innerHTML = html.join('');
    this.table.onmousedown = function (event) {
      var cell = event.target.closest('td');
      if (cell && !cell.querySelector('input')) {
        grid.closeEditor(true);
        grid.select(+cell.dataset.row, +cell.dataset.column);
      }
    };
    this.table.ondblclick = function (event) {
      if (event.target.closest('td')) {
        grid.openEditor(null);
      }
    };
  };

  Grid.prototype.paint = function (cell, text, changed) {
    if (cell.querySelector('input')) {
      return;
    }
    cell.textContent = text;
    cell.title = text.length > 12 ? text : '';
    cell.classList.toggle('ok', text.indexOf('✔') === 0);
    cell.classList.toggle('bad', text.indexOf('✖') === 0);
    cell.classList.toggle('number', /^-?(R\$ )?[\d.]+(,\d+)?%?$/.test(text));
    if (changed) {
      cell.classList.remove('changed');
      void cell.offsetWidth; // restart the flash
      cell.classList.add('changed');
    }
  };

  Grid.prototype.cell = function (row, column) {
    var tr = this.table.rows[row];
    return tr ? tr.cells[column] : null;
  };

  Grid.prototype.select = function (row, column) {
    var rows = this.table.rows.length - 1, columns = this.table.rows[0].cells.length - 1;
    this.selected = { row: Math.min(Math.max(row, 1), rows), column: Math.min(Math.max(column, 1), columns) };
    this.highlight = null;
    this.showSelection();
    var cell = this.cell(this.selected.row, this.selected.column);
    if (cell) {
      cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    this.table.focus({ preventScroll: true });
  };

  Grid.prototype.showSelection = function () {
    var grid = this;
    Array.prototype.forEach.call(this.table.querySelectorAll('td.selected, td.in-range'), function (cell) {
      cell.classList.remove('selected', 'in-range');
    });
    var range = this.highlight;
    if (range) {
      for (var r = range.row; r < range.row + range.numRows; r++) {
        for (var c = range.column; c < range.column + range.numColumns; c++) {
          var inRange = grid.cell(r, c);
          if (inRange) { inRange.classList.add('in-range'); }
        }
      }
    }
    var cell = this.cell(this.selected.row, this.selected.column);
    if (cell) {
      cell.classList.add('selected');
      this.nameBox.textContent = range && (range.numRows > 1 || range.numColumns > 1)
        ? letters(range.column) + range.row + ':' + letters(range.column + range.numColumns - 1) + (range.row + range.numRows - 1)
        : cell.dataset.a1;
      this.formula.textContent = this.text(this.selected.row, this.selected.column);
    }
  };

  /** What Range.activate() asks: the tab in front, the range selected and in view. */
  Grid.prototype.activate = function (sheet, row, column, numRows, numColumns) {
    var grid = this;
    return this.showTab(sheet).then(function () {
      if (!row) {
        return;
      }
      grid.select(row, column);
      grid.highlight = { row: row, column: column, numRows: numRows || 1, numColumns: numColumns || 1 };
      grid.showSelection();
    });
  };

  Grid.prototype.openEditor = function (initial) {
    if (this.editor) {
      return;
    }
    var cell = this.cell(this.selected.row, this.selected.column);
    var grid = this;
    var input = document.createElement('input');
    input.type = 'text';
    input.setAttribute('aria-label', 'Editar célula ' + cell.dataset.a1);
    input.dataset.testid = 'cell-editor';
    input.value = initial === null ? this.text(this.selected.row, this.selected.column) : initial;
    cell.textContent = '';
    cell.appendChild(input);
    this.editor = { input: input, row: this.selected.row, column: this.selected.column };
    input.focus();
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        var move = event.key === 'Enter' ? [1, 0] : [0, 1];
        grid.closeEditor(true);
        grid.select(grid.selected.row + move[0], grid.selected.column + move[1]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        grid.closeEditor(false);
        grid.table.focus();
      }
    });
  };

  Grid.prototype.closeEditor = function (save) {
    var editor = this.editor;
    if (!editor) {
      return;
    }
    this.editor = null;
    var oldValue = this.text(editor.row, editor.column);
    var value = editor.input.value;
    var cell = this.cell(editor.row, editor.column);
    editor.input.remove();
    this.paint(cell, save ? value : oldValue, false);
    if (save && value !== oldValue) {
      this.write(editor.row, editor.column, [[value]], value, oldValue);
    }
  };

  /** Types `rows` at (row, column) as a person, then reports the edit (one cell: its value). */
  Grid.prototype.write = function (row, column, rows, value, oldValue) {
    var grid = this;
    var tab = this.tab;
    this.writing = true;
    return fetch(this.config.appRoot + 'sheet/cells', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tab: tab, a1: letters(column) + row, rows: rows })
    }).then(function (answer) {
      if (!answer.ok) {
        throw new Error('not written');
      }
      return grid.load(tab);
    }).then(function () {
      var single = rows.length === 1 && rows[0].length === 1;
      grid.onEdit({
        sheet: tab, row: row, column: column, numRows: rows.length,
        numColumns: rows.reduce(function (n, r) { return Math.max(n, r.length); }, 1),
        value: single && value !== '' ? value : undefined, oldValue: single && oldValue !== '' ? oldValue : undefined
      });
    }).catch(function () {
      grid.load(tab);
    }).finally(function () {
      grid.writing = false;
    });
  };

  Grid.prototype.bind = function () {
    var grid = this;
    this.table.tabIndex = 0;
    this.table.addEventListener('keydown', function (event) {
      if (grid.editor) {
        return;
      }
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [0, 0] };
      if (event.key === 'Enter' || event.key === 'F2') {
        event.preventDefault();
        grid.openEditor(null);
      } else if (moves[event.key]) {
        event.preventDefault();
        grid.select(grid.selected.row + moves[event.key][0], grid.selected.column + moves[event.key][1]);
      } else if (event.key === 'Tab') {
        event.preventDefault();
        grid.select(grid.selected.row, grid.selected.column + (event.shiftKey ? -1 : 1));
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        var old = grid.text(grid.selected.row, grid.selected.column);
        if (old !== '') {
          grid.write(grid.selected.row, grid.selected.column, [['']], '', old);
        }
      } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        grid.openEditor(event.key);
      }
    });
    this.table.addEventListener('paste', function (event) {
      if (grid.editor) {
        return;
      }
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData('text');
      var rows = text.replace(/\r?\n$/, '').split(/\r?\n/).map(function (line) { return line.split('\t'); });
      var single = rows.length === 1 && rows[0].length === 1;
      grid.write(grid.selected.row, grid.selected.column, rows, single ? rows[0][0] : undefined,
        single ? grid.text(grid.selected.row, grid.selected.column) : undefined);
    });
  };

  window.TryIt = window.TryIt || {};
  window.TryIt.Grid = Grid;
})();
