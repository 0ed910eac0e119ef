// Shared helpers of the pages. Data is put in the page with textContent only, never as HTML.
"use strict";

function el(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
}

function row(cells) {
  const tr = el("tr");
  cells.forEach((cell) => tr.appendChild(cell instanceof Node ? cell : el("td", cell)));
  return tr;
}

// Reads a JSON response; a problem (RFC 9457) becomes an Error whose message lists the field errors.
async function json(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const errors = body && body.errors
      ? Object.entries(body.errors).map(([field, messages]) => `${field}: ${messages.join(", ")}`).join("\n")
      : "";
    throw new Error(`${response.status} ${(body && (body.detail || body.title)) || response.statusText}\n${errors}`);
  }
  return body;
}

function showProblem(target, error) {
  target.textContent = error.message;
  target.className = "problem";
}
