/** The demo store's seeded content: canned responses, conversations in each state, and one ticket. */

import type { NoticeKey } from "../domain/conversations/notices";
export const CANNED_RESPONSES = [
  {
    shortcut: "hello",
    title: "Greeting",
    body: "Hi, this is the Alpine Peak team. Thanks for waiting, how can I help?",
  },
  {
    shortcut: "tracking",
    title: "Where is my order",
    body: "You can follow your parcel with the tracking link in your shipping confirmation email. I can also check it for you if you share the order number.",
  },
  {
    shortcut: "returns",
    title: "Returns",
    body: "You can return unused items in their original packaging within 30 days of delivery. Start a return from the link in your order confirmation.",
  },
  {
    shortcut: "bye",
    title: "Closing",
    body: "Glad I could help. Have a great day on the mountain!",
  },
];

export type SeedMessage = {
  role: "shopper" | "ai" | "operator" | "system";
  text: string;
  author?: string;
  /** a system notice: staff read it in their own admin language */
  notice?: [NoticeKey, Record<string, string>?];
};

export interface SeedConversation {
  id: string;
  state: "ai" | "queued" | "assigned" | "waiting_shopper" | "closed";
  closeReason?: string;
  customerId?: string;
  contactEmail?: string;
  contactName?: string;
  locale: string;
  pageUrl: string;
  assignee?: string; // staffUserId
  minutesAgo: number;
  rating?: number;
  handoffSummary?: string;
  tags?: string;
  messages: SeedMessage[];
}

export const CONVERSATIONS: SeedConversation[] = [
  {
    id: "demo-conv-shipping",
    state: "closed",
    closeReason: "resolved",
    locale: "en",
    pageUrl: "/products/summit-all-mountain-snowboard",
    minutesAgo: 60 * 26,
    rating: 5,
    tags: "shipping",
    messages: [
      { role: "shopper", text: "How long does shipping to Germany take?" },
      {
        role: "ai",
        text: "Orders placed before 14:00 CET on a business day ship the same day. Delivery to Germany usually takes 2 to 4 business days.",
      },
      { role: "shopper", text: "Great, thanks!" },
    ],
  },
  {
    id: "demo-conv-order-1003",
    state: "queued",
    customerId: "7003",
    contactEmail: "emma.schmidt@example.com",
    contactName: "Emma Schmidt",
    locale: "de",
    pageUrl: "/account/orders",
    minutesAgo: 4,
    handoffSummary: "Emma asks when order #1003 (in transit with DHL) will arrive and wants to talk to a person.",
    messages: [
      { role: "shopper", text: "Where is my order #1003?" },
      {
        role: "ai",
        text: "Your order #1003 is in transit with DHL (tracking DHL0001003). The estimated delivery date is 28 November.",
      },
      { role: "shopper", text: "I need it before the weekend, can I talk to someone?" },
      { role: "system", text: "You are in the queue. A member of the team will join shortly.", notice: ["queued"] },
    ],
  },
  {
    id: "demo-conv-board-size",
    state: "assigned",
    customerId: "7001",
    contactEmail: "giulia.rossi@example.com",
    contactName: "Giulia Rossi",
    locale: "it",
    pageUrl: "/products/drift-freestyle-snowboard",
    assignee: "90001",
    minutesAgo: 12,
    handoffSummary: "Giulia is choosing a Drift Freestyle board size for her partner (175 cm, 70 kg).",
    messages: [
      { role: "shopper", text: "Che misura della Drift Freestyle per 175 cm e 70 kg?" },
      {
        role: "ai",
        text: "For 175 cm and 70 kg the 150 cm Drift Freestyle is a good fit. Would you like to talk to a person to be sure?",
      },
      { role: "shopper", text: "Sì, preferisco parlare con qualcuno." },
      { role: "system", text: "Anna joined the chat.", notice: ["joined", { name: "Anna" }] },
      {
        role: "operator",
        author: "Anna Ferri",
        text: "Ciao Giulia! 150 cm is right for park riding; for more all-mountain use the 155 cm is also an option.",
      },
    ],
  },
  {
    id: "demo-conv-wax",
    state: "ai",
    locale: "en",
    pageUrl: "/products/tuning-wax-kit",
    minutesAgo: 2,
    messages: [
      { role: "shopper", text: "How often should I wax my board?" },
      {
        role: "ai",
        text: "Wax every 4 to 6 days on snow, or whenever the base looks dry and white. The Tuning & Wax Kit has everything you need.",
      },
    ],
  },
  {
    id: "demo-conv-waiting",
    state: "waiting_shopper",
    customerId: "7002",
    contactEmail: "marco.bianchi@example.com",
    contactName: "Marco Bianchi",
    locale: "it",
    pageUrl: "/products/vector-bindings",
    assignee: "90002",
    minutesAgo: 35,
    messages: [
      { role: "shopper", text: "Are the Vector bindings compatible with a channel board?" },
      { role: "system", text: "Luca joined the chat.", notice: ["joined", { name: "Luca" }] },
      {
        role: "operator",
        author: "Luca Moretti",
        text: "Yes, Vector bindings fit 4x4, 2x4 and channel mounting systems. Which board do you ride?",
      },
    ],
  },
  {
    id: "demo-conv-offline",
    state: "closed",
    closeReason: "resolved",
    contactEmail: "noah.martin@example.com",
    contactName: "Noah Martin",
    locale: "fr",
    pageUrl: "/pages/contact",
    minutesAgo: 60 * 14,
    messages: [
      { role: "shopper", text: "My parcel COL0001006 says out for delivery since two days, can someone check?" },
      {
        role: "ai",
        text: "Nobody from the team is online right now. Leave your email and we will get back to you with a ticket number.",
      },
      {
        role: "system",
        text: "Ticket T-1001 created. We will reply by email.",
        notice: ["ticket_created", { number: "T-1001" }],
      },
    ],
  },
];

export const DEMO_TICKET = {
  number: 1001,
  subject: "Parcel COL0001006 stuck out for delivery",
  description: "The shopper reports the Colissimo parcel for order #1006 shows out for delivery for two days.",
  status: "open",
  priority: "high",
  source: "offline_chat" as const,
  requesterEmail: "noah.martin@example.com",
  requesterName: "Noah Martin",
  conversationId: "demo-conv-offline",
};
