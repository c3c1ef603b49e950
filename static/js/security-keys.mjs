// The security keys page: once django-otp-webauthn's script has added a key,
// reload so the list shows it (the page itself is rendered by the server).
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
