"use strict";
// Refreshes every 5 seconds from /staff/kitchen/queue (the login session authenticates it; read-only).
function refresh() {
  fetch("/staff/kitchen/queue", {headers: {"Accept": "application/json"}}).then(json).then((queue) => {
    document.getElementById("queue-problem").textContent = "";
    document.getElementById("summary").textContent =
      `${queue.orders.length} orders, ${queue.pizzas_in_queue} pizzas to make. Updated ${new Date().toLocaleTimeString()}.`;
    const body = document.querySelector("#queue tbody");
    body.replaceChildren();
    queue.orders.forEach((ticket) => {
      const pizzas = el("td");
      (ticket.pizzas || []).forEach((pizza) => pizzas.appendChild(el("div", pizza)));
      const instructions = el("td");
      (ticket.special_instructions || []).forEach((text) => instructions.appendChild(el("div", text)));
      body.appendChild(row([new Date(ticket.order_time).toLocaleTimeString(), ticket.customer_name, ticket.status,
        pizzas, ticket.total_prep_time, instructions, el("td", ticket.order_id, {class: "muted"})]));
    });
  }).catch((error) => showProblem(document.getElementById("queue-problem"), error));
}
refresh();
setInterval(refresh, 5000);
