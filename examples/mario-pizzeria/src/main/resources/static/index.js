"use strict";
const menuBody = document.querySelector("#menu tbody");
const pizzaChoice = document.getElementById("pizza-choice");
const toppingChoice = document.getElementById("topping-choice");

fetch("/api/menu").then(json).then((menu) => {
  menu.pizzas.forEach((pizza) => {
    const name = el("td");
    name.appendChild(el("strong", pizza.name));
    name.appendChild(el("div", pizza.description, {class: "muted"}));
    menuBody.appendChild(row([name, pizza.category, pizza.prices.small, pizza.prices.medium, pizza.prices.large,
      pizza.preparation_time_minutes]));
    if (pizza.available) {
      pizzaChoice.appendChild(el("option", pizza.name, {value: pizza.id}));
    }
  });
  menu.toppings.forEach((topping) => toppingChoice.appendChild(el("option", `${topping.name} (+${topping.price})`,
    {value: topping.id})));
}).catch((error) => showProblem(document.getElementById("menu-problem"), error));

document.getElementById("order").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const order = {
    customer_name: form.get("customer_name"),
    customer_phone: form.get("customer_phone"),
    customer_address: form.get("customer_address"),
    pizza_items: [{
      pizza_id: form.get("pizza_id"),
      size: form.get("size"),
      toppings: form.getAll("toppings"),
      special_instructions: form.get("special_instructions") || null
    }],
    payment_method: form.get("payment_method")
  };
  const result = document.getElementById("order-result");
  fetch("/api/orders", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(order)})
    .then(json)
    .then((placed) => {
      result.className = "";
      result.textContent = `Order placed: ${placed.total_amount} due, ready at about `
        + `${new Date(placed.estimated_ready_time).toLocaleTimeString()}. `;
      // The status page link carries the order's token in its fragment: it lets only this browser cancel the order.
      result.appendChild(el("a", "Follow your order", {href: placed.status_page}));
    })
    .catch((error) => showProblem(result, error));
});
