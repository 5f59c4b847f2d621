// Frontend stub: asks the API who it is and shows the answer. Replace with your framework of choice.
const app = document.getElementById('app');

fetch('/api/info')
  .then((res) => res.json())
  .then((info) => {
    app.textContent = `Connected to ${info.name} at ${new Date(info.time).toLocaleTimeString()}.`;
  })
  .catch((err) => {
    app.textContent = `The API is not reachable: ${err.message}`;
  });
