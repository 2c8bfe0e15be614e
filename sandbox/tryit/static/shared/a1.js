/* A1 notation's column letters (1 → A, 27 → AA) and back, for the page and the Apps Script realm alike. */
'use strict';

self.__tryitA1 = {
  letters: function (column) {
    var text = '';
    while (column > 0) {
      var rest = (column - 1) % 26;
      text = String.fromCharCode(65 + rest) + text;
      column = Math.floor((column - 1) / 26);
    }
    return text;
  },
  column: function (letters) {
    return letters.toUpperCase().split('').reduce(function (n, ch) { return n * 26 + ch.charCodeAt(0) - 64; }, 0);
  }
};
