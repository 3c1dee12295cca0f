/** The team page and the staff member's notifications. */
import type { Shape } from "../core";

export const en = {
  team: {
    title: "Team",
    subtitleAdmin: "Roles, capacity and access of the store's staff",
    subtitleOperator: "Only admins can change the team",
    you: " (you)",
    deactivated: "deactivated",
    lastSeen: "last seen {when}",
    never: "never",
    openChats: { one: "{count} open chat", other: "{count} open chats" },
    role: "Role",
    admin: "Admin",
    operator: "Operator",
    capacity: "Capacity",
    confirmDeactivation: "Confirm deactivation",
    deactivate: "Deactivate",
    reactivate: "Reactivate",
    roleLine: "{role} · capacity {capacity}",
    deactivatedLine: "Deactivated. {count} open chats went back to the queue.",
    intro:
      "Capacity is how many chats routing gives someone at once. A deactivated staff member cannot use Tandem, and their open chats go back to the queue.",
  },
  notifications: {
    title: "Notifications",
    unread: "{count} unread",
    markAll: "Mark all as read",
    empty: "No notifications",
    emptyText:
      "Waiting chats with nobody online, chats transferred to you, tickets assigned to you, shoppers' replies and SLA alerts appear here.",
    read: "Read",
    markRead: "Mark as read",
    markReadLabel: "Mark “{title}” as read",
    invalid: "Choose a notification or all.",
  },
};

export const it: Shape<typeof en> = {
  team: {
    title: "Team",
    subtitleAdmin: "Ruoli, capacità e accesso del personale del negozio",
    subtitleOperator: "Solo gli amministratori possono modificare il team",
    you: " (tu)",
    deactivated: "disattivato",
    lastSeen: "ultima attività {when}",
    never: "mai",
    openChats: { one: "{count} chat aperta", other: "{count} chat aperte" },
    role: "Ruolo",
    admin: "Amministratore",
    operator: "Operatore",
    capacity: "Capacità",
    confirmDeactivation: "Conferma la disattivazione",
    deactivate: "Disattiva",
    reactivate: "Riattiva",
    roleLine: "{role} · capacità {capacity}",
    deactivatedLine: "Disattivato. {count} chat aperte sono tornate in coda.",
    intro:
      "La capacità è il numero di chat che l'assegnazione affida a una persona contemporaneamente. Un membro del personale disattivato non può usare Tandem e le sue chat aperte tornano in coda.",
  },
  notifications: {
    title: "Notifiche",
    unread: "{count} da leggere",
    markAll: "Segna tutte come lette",
    empty: "Nessuna notifica",
    emptyText:
      "Qui compaiono le chat in attesa senza nessuno online, le chat trasferite a te, i ticket assegnati a te, le risposte dei clienti e gli avvisi SLA.",
    read: "Letta",
    markRead: "Segna come letta",
    markReadLabel: "Segna “{title}” come letta",
    invalid: "Scegli una notifica oppure tutte.",
  },
};
