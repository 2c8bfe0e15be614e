/*
 * HtmlService for the add-on's .gs files: HTML files of the project, templates with Apps Script's
 * scriptlets, and the HtmlOutput a sidebar or dialog shows.
 *
 * Scriptlets, as Google evaluates them: <? code ?> runs, <?= value ?> prints escaped for where it
 * lands (HTML text and attributes: entities; inside <script>: a JavaScript literal), <?!= value ?>
 * prints as is. They run in this realm, so they see the project's globals (include(), ...), and a
 * template's own properties are variables.
 */
'use strict';

(function (tryit) {
  var SCRIPTLET = /<\?(!=|=)?([\s\S]*?)\?>/g;

  function projectHtml(name) {
    var text = tryit.projectFile(String(name).replace(/\.html$/, '') + '.html');
    if (text === null) {
      throw tryit.exception('No HTML file named ' + name + ' was found.');
    }
    return text;
  }

  function escapeHtml(value) {
    return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function printable(value) {
    return value === undefined || value === null ? '' : value;
  }

  function escapeForScript(value) {
    var literal = JSON.stringify(value === undefined ? null : value);
    return literal.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  }

  /** Whether the template text so far leaves us inside a <script> element. */
  function insideScript(textSoFar) {
    var open = textSoFar.toLowerCase().lastIndexOf('<script');
    return open >= 0 && textSoFar.toLowerCase().indexOf('</script', open) < 0;
  }

  /** The template's code, as HtmlTemplate.getCode() shows it. */
  function compile(source) {
    var code = ['var __output = [];'];
    var text = '';
    var last = 0;
    source.replace(SCRIPTLET, function (whole, kind, body, offset) {
      var literal = source.slice(last, offset);
      text += literal;
      if (literal) {
        code.push('__output.push(' + JSON.stringify(literal) + ');');
      }
      if (kind === '=') {
        code.push('__output.push(' + (insideScript(text) ? '__script' : '__html') + '((' + body + ')));');
      } else if (kind === '!=') {
        code.push('__output.push(__raw((' + body + ')));');
      } else {
        code.push(body);
      }
      last = offset + whole.length;
      return whole;
    });
    if (last < source.length) {
      code.push('__output.push(' + JSON.stringify(source.slice(last)) + ');');
    }
    code.push('return __output.join("");');
    return code.join('\n');
  }

  // --- HtmlOutput --------------------------------------------------------------------------

  function HtmlOutput(content) {
    this._content = content || '';
    this._title = '';
    this._width = 300;
    this._height = 500;
  }
  HtmlOutput.prototype.getContent = function () { return this._content; };
  HtmlOutput.prototype.setContent = function (content) { this._content = String(content); return this; };
  HtmlOutput.prototype.append = function (content) { this._content += String(content); return this; };
  HtmlOutput.prototype.appendUntrusted = function (content) { this._content += escapeHtml(content); return this; };
  HtmlOutput.prototype.clear = function () { this._content = ''; return this; };
  HtmlOutput.prototype.getTitle = function () { return this._title; };
  HtmlOutput.prototype.setTitle = function (title) { this._title = String(title); return this; };
  HtmlOutput.prototype.getWidth = function () { return this._width; };
  HtmlOutput.prototype.setWidth = function (width) { this._width = width; return this; };
  HtmlOutput.prototype.getHeight = function () { return this._height; };
  HtmlOutput.prototype.setHeight = function (height) { this._height = height; return this; };
  HtmlOutput.prototype.setSandboxMode = function () { return this; };
  HtmlOutput.prototype.setXFrameOptionsMode = function () { return this; };
  HtmlOutput.prototype.setFaviconUrl = function () { return this; };
  HtmlOutput.prototype.addMetaTag = function (name, content) {
    this._content = '<meta name="' + escapeHtml(name) + '" content="' + escapeHtml(content) + '">' + this._content;
    return this;
  };
  HtmlOutput.prototype.asTemplate = function () { return new HtmlTemplate(this._content); };
  HtmlOutput.prototype.toString = function () { return 'HtmlOutput'; };

  // --- HtmlTemplate ------------------------------------------------------------------------

  function HtmlTemplate(source) {
    Object.defineProperty(this, '__source', { value: source, enumerable: false });
  }
  HtmlTemplate.prototype.getRawContent = function () { return this.__source; };
  HtmlTemplate.prototype.getCode = function () { return compile(this.__source); };
  HtmlTemplate.prototype.getCodeWithComments = HtmlTemplate.prototype.getCode;
  HtmlTemplate.prototype.evaluate = function () {
    var variables = Object.create(null);
    var template = this;
    Object.keys(this).forEach(function (name) { variables[name] = template[name]; });
    // A sloppy-mode function made in this realm: `with` gives the template's variables, and
    // anything else resolves to the project's globals, as in Apps Script.
    var run = new Function('__variables', '__html', '__script', '__raw',
      'with (__variables) {\n' + compile(this.__source) + '\n}');
    var html = run(variables,
      function (value) { return escapeHtml(printable(value)); },
      escapeForScript,
      function (value) { return String(printable(value)); });
    return new HtmlOutput(html);
  };
  HtmlTemplate.prototype.toString = function () { return 'HtmlTemplate'; };

  self.HtmlService = {
    SandboxMode: tryit.makeEnum(['EMULATED', 'IFRAME', 'NATIVE']),
    XFrameOptionsMode: tryit.makeEnum(['ALLOWALL', 'DEFAULT']),
    createHtmlOutput: function (html) {
      return new HtmlOutput(html === undefined ? '' : String(html));
    },
    createHtmlOutputFromFile: function (name) { return new HtmlOutput(projectHtml(name)); },
    createTemplate: function (source) { return new HtmlTemplate(String(source)); },
    createTemplateFromFile: function (name) { return new HtmlTemplate(projectHtml(name)); }
  };
})(self.__tryit);
