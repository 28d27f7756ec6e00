// Uploads the chosen CSV file as it is (Content-Type text/csv, no multipart form: the endpoint takes the file as its
// body), then goes to the import's page, where a progress bar follows it. A refused file comes back as the data page
// with the reason in its flash, which replaces this page's.
(function () {
  var form = document.getElementById('upload');
  if (!form) {
    return;
  }
  var state = document.getElementById('upload-state');
  var button = document.getElementById('upload-submit');

  function say(text) {
    state.textContent = text;
    button.disabled = false;
  }

  function flashOf(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    var flash = page.getElementById('flash');
    return flash && flash.querySelector('.error') ? flash : null;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = document.getElementById('upload-file').files[0];
    if (!file) {
      say(form.dataset.noFile);
      return;
    }
    var kind = document.getElementById('upload-kind').value;
    var headers = { 'Content-Type': 'text/csv' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      headers[header.content] = token.content;
    }
    button.disabled = true;
    state.textContent = form.dataset.uploading;
    var url = form.getAttribute('action') + '/' + encodeURIComponent(kind) + '?fileName='
      + encodeURIComponent(file.name.slice(0, 200));
    fetch(url, { method: 'POST', body: file, headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 202 && response.headers.get('Location')) {
          window.location.assign(response.headers.get('Location'));
          return null;
        }
        if (response.status === 413) {
          say(form.dataset.tooLarge);
          return null;
        }
        if (response.ok && response.redirected) {
          return response.text().then(function (html) {
            var flash = flashOf(html);
            if (flash) {
              document.getElementById('flash').replaceWith(document.adoptNode(flash));
              say('');
            }
            else {
              // Another page than a refusal, such as the log-in after the session ended: go there.
              window.location.assign(response.url);
            }
          });
        }
        say(form.dataset.failed + ' (' + response.status + ')');
        return null;
      })
      .catch(function () {
        say(form.dataset.failed);
      });
  });
})();
