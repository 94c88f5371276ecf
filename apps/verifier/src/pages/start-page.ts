import { html, page } from './html.js';

/**
 * Where a learner or an employer pastes a credential (a VC-JWT, a credential, or a downloaded
 * package) or picks its file. The form posts without scripts; the small inline script only reads
 * a chosen file into the text box.
 */
export function renderStartPage(problem?: string): string {
  return page(
    'Verify a credential',
    html`
<main>
<h1>Verify a credential</h1>
<p>Paste a credential, its JWT, or a downloaded credential package, or choose its file. Nothing is kept.</p>
${problem ? html`<p class="warning" role="alert">${problem}</p>` : ''}
<form method="post" action="/check">
  <p><label for="file">Credential file</label><br><input id="file" type="file" accept=".json,.jwt,application/json,text/plain"></p>
  <p><label for="credential">Credential</label><br><textarea id="credential" name="credential" required spellcheck="false"></textarea></p>
  <p><button type="submit">Verify</button></p>
</form>
<script>
  document.getElementById('file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (file) document.getElementById('credential').value = await file.text();
  });
</script>
</main>`,
  );
}
