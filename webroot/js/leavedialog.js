const $ = (id) => document.getElementById(id);

/**
 * Leaving: a host with others in the call is asked first whether to leave (the meeting goes on and
 * the server hands the host role to a co-host, else to whoever has been in the call longest; to
 * choose, the host uses "Make host" first) or to end the meeting for everyone. Everyone else leaves
 * at once. Answers the function the Leave button and the shortcut call.
 *
 * @param {{isHost:()=>boolean, othersPresent:()=>boolean, leave:()=>void, endForAll:()=>void}} call
 */
export function wireLeaveDialog(call) {
  const dialog = $('leave-dialog');
  $('leave-cancel').addEventListener('click', () => dialog.close());
  $('leave-confirm').addEventListener('click', () => { dialog.close(); call.leave(); });
  $('leave-end-all').addEventListener('click', () => { dialog.close(); call.endForAll(); });
  return () => {
    if (!call.isHost() || !call.othersPresent()) {
      call.leave();
      return;
    }
    if (!dialog.open) dialog.showModal();
    $('leave-confirm').focus();
  };
}
