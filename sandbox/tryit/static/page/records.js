/*
 * A glance at Conta Azul: the connected company's newest sales, customers and bills, refreshed
 * every few seconds, the ones made since the page opened marked "novo".
 */
'use strict';

(function () {
  var REFRESH_MS = 2000;
  var SITUATIONS = {
    APROVADO: 'Aprovada', FATURADO: 'Faturada', EM_ANDAMENTO: 'Em andamento', CANCELADO: 'Cancelada',
    ORCAMENTO: 'Orçamento', ORCAMENTO_ACEITO: 'Orçamento aceito', ORCAMENTO_RECUSADO: 'Orçamento recusado',
    CONTRATO: 'Agendada (contrato)'
  };
  var SECTIONS = [
    { key: 'sales', title: 'Vendas', empty: 'Nenhuma venda.', line: function (s) {
      return { head: 'Venda ' + s.number + ' · ' + s.client, detail: s.date + ' · ' + s.total + ' · ' +
        (SITUATIONS[s.situation] || s.situation), more: s.items };
    } },
    { key: 'customers', title: 'Clientes', empty: 'Nenhum cliente.', line: function (c) {
      return { head: c.name, detail: [c.document, c.email].filter(Boolean).join(' · ') };
    } },
    { key: 'payables', title: 'Contas a pagar', empty: 'Nenhuma conta a pagar.', line: function (b) {
      return { head: b.description, detail: b.contact + ' · ' + b.total + ' · vence ' + b.due };
    } },
    { key: 'receivables', title: 'Contas a receber', empty: 'Nenhuma conta a receber avulsa.', line: function (b) {
      return { head: b.description, detail: b.contact + ' · ' + b.total + ' · vence ' + b.due };
    } }
  ];

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function Records(root, config) {
    this.root = root;
    this.config = config;
    this.shown = '';
  }

  Records.prototype.start = function () {
    var records = this;
    var refresh = function () {
      fetch(records.config.appRoot + 'contaazul/records').then(function (answer) { return answer.json(); })
        .then(function (data) { records.render(data); })
        .catch(function () {})
        .finally(function () { setTimeout(refresh, REFRESH_MS); });
    };
    refresh();
  };

  Records.prototype.render = function (data) {
    var text = JSON.stringify(data);
    if (text === this.shown) {
      return;
    }
    this.shown = text;
    var body = this.root.querySelector('[data-testid=contaazul-body]');
    var company = this.root.querySelector('[data-testid=contaazul-company]');
    body.innerHTML = '';
    if (!data.company) {
      company.textContent = 'Nenhuma empresa conectada';
      body.appendChild(element('p', { class: 'hint' },
        'Conecte o Conta Azul pelo painel do Azulejo (menu Extensões › Azulejo › Abrir painel) para ver aqui o que chega lá.'));
      return;
    }
    company.textContent = data.company.name + ' · CNPJ ' + data.company.document;
    SECTIONS.forEach(function (section) {
      var list = data[section.key];
      var block = element('section', { class: 'records', 'data-testid': 'contaazul-' + section.key });
      var heading = element('h3', {}, section.title + ' ');
      heading.appendChild(element('span', { class: 'count' }, list.total + (list.new ? ' · ' + list.new + ' nova(s)' : '')));
      block.appendChild(heading);
      if (!list.items.length) {
        block.appendChild(element('p', { class: 'hint' }, section.empty));
      }
      var items = element('ul');
      list.items.forEach(function (item) {
        var line = section.line(item);
        var li = element('li', { class: item.new ? 'new' : '', 'data-testid': 'record' });
        var head = element('div', { class: 'record-head' }, line.head);
        if (item.new) {
          head.appendChild(element('span', { class: 'badge' }, 'novo'));
        }
        li.appendChild(head);
        li.appendChild(element('div', { class: 'record-detail' }, line.detail));
        if (line.more) {
          li.appendChild(element('div', { class: 'record-more' }, line.more));
        }
        items.appendChild(li);
      });
      block.appendChild(items);
      body.appendChild(block);
    });
  };

  window.TryIt = window.TryIt || {};
  window.TryIt.Records = Records;
})();
