// The share panel's copy button. navigator.clipboard exists only on https and localhost; a class served
// over plain http on the room's network falls back to selecting the link and execCommand("copy").
export default function (component) {
  const { data, parentElement } = component;
  let st = parentElement.__share;
  if (!st) {
    const root = document.createElement("div");
    root.className = "share-copy";
    const input = Object.assign(document.createElement("input"), { type: "text", readOnly: true });
    input.className = "share-url";
    const button = Object.assign(document.createElement("button"), { type: "button" });
    button.className = "share-button";
    const status = document.createElement("span");
    status.className = "share-status";
    status.setAttribute("role", "status");
    root.append(input, button, status);
    parentElement.appendChild(root);
    st = parentElement.__share = { input, button, status };
    button.onclick = async () => {
      const text = st.input.value;
      try {
        await navigator.clipboard.writeText(text);
      } catch (e) {
        st.input.focus();
        st.input.select();
        document.execCommand("copy");
      }
      st.status.textContent = st.data.copied;
    };
    input.onfocus = () => input.select();
  }
  st.data = data;
  st.input.value = data.url;
  st.input.setAttribute("aria-label", data.label);
  st.button.textContent = data.copy;
  st.status.textContent = "";
}
