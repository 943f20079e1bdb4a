/** The published findings beside the lab's results: each claim with its source, and whether this lab agrees, as the server judged it. */
export class LabFindings {
  constructor(container) {
    this.root = document.createElement('ul');
    this.root.className = 'lab-findings';
    this.root.id = 'lab-findings-list';
    container.append(this.root);
  }

  setFindings(findings) {
    this.root.replaceChildren(...(findings || []).map((f) => {
      const li = document.createElement('li');
      li.className = `lab-finding verdict-${f.verdict.replaceAll(' ', '-')}`;
      li.dataset.verdict = f.verdict;
      const claim = document.createElement('q');
      claim.textContent = f.claim;
      const source = document.createElement('cite');
      source.textContent = f.source;
      const verdict = document.createElement('strong');
      verdict.className = 'lab-verdict';
      verdict.textContent = f.verdict === 'not tested' ? 'Not tested here' : f.verdict === 'agrees' ? 'We agree' : 'We do not agree';
      const detail = document.createElement('span');
      detail.className = 'lab-finding-detail';
      detail.textContent = f.detail;
      li.append(claim, ' (', source, '). ', verdict, ': ', detail);
      return li;
    }));
  }
}
