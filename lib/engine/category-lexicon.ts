/**
 * The words desks and their users have for common help-desk categories, in the four languages the local
 * engine reads (issue #19, languages): a desk names its options in one language ("Printing", "Access")
 * while its tickets come in several ("Der Drucker druckt nicht", "no tengo acceso"). Before any
 * correction, lib/engine/option-labels.ts matches a label word through its group here, so a German or
 * Spanish ticket can find an English option and an English ticket a German one.
 *
 * What belongs in a group: the category's name and its inflections or short forms in each language
 * (the words a desk would translate the option to), never things that merely belong to the category
 * (a VPN is not the word "network", a toner is not "printing": that is what the learner learns from the
 * team's corrections). Nothing here comes from a particular desk or data set.
 *
 * Format: per language, words separated by spaces, written as people type them (accents are folded
 * when matching). A word with a trailing `*` reads as an English word with another meaning (Spanish
 * "red", German "Handy"): it counts only in a ticket that reads as that language
 * (lib/engine/extractors.ts language()). Every other word counts in any ticket, so a mixed-language or
 * very short ticket ("Drucker druckt Streifen") still finds its words.
 */

export type LexiconLanguage = 'en' | 'de' | 'es' | 'fr';

export interface LexiconGroup {
  /** The concept, for reading and for tests; option labels are matched by the words. */
  concept: string;
  words: Partial<Record<LexiconLanguage, string>>;
}

export const CATEGORY_LEXICON: readonly LexiconGroup[] = [
  // Infrastructure queues ("Network", "Netzwerk", "Redes"). Spanish "red" is also the English colour.
  {
    concept: 'network',
    words: {
      en: 'network networks networking',
      de: 'Netzwerk Netzwerke Netz',
      es: 'red* redes',
      fr: 'réseau réseaux',
    },
  },
  // Wireless as its own option ("Wi-Fi", "WLAN"): the desks' names for the same thing.
  {
    concept: 'wireless',
    words: {
      en: 'wireless wifi wi-fi wlan',
      de: 'WLAN Funknetz',
      es: 'inalámbrica inalámbrico wifi',
      fr: 'wifi',
    },
  },
  // Printing queues: the verb, the device and the act ("Drucken", "Impresoras", "Impression").
  // French "impression" is also an English word (an opinion), and Spanish "impresión" stems to "impres"
  // as English "impressed" does.
  {
    concept: 'printing',
    words: {
      en: 'print printer printing printout',
      de: 'drucken Drucker Druck Ausdruck',
      es: 'imprimir imprime impresora impresión*',
      fr: 'imprimer imprimante impression*',
    },
  },
  // Email queues; German and French desks write the English word too.
  {
    concept: 'email',
    words: { en: 'email e-mail mail', de: 'E-Mail Mail', es: 'correo', fr: 'courriel mail' },
  },
  // "Mailbox" as an option (shared mailboxes, quotas): not the same word as email in any language.
  {
    concept: 'mailbox',
    words: { en: 'mailbox inbox', de: 'Postfach Posteingang', es: 'buzón', fr: 'messagerie' },
  },
  // Access requests ("Access", "Zugriff", "Acceso"), with the verb as Spanish and French tickets use it.
  {
    concept: 'access',
    words: { en: 'access', de: 'Zugriff Zugang', es: 'acceso acceder', fr: 'accès accéder' },
  },
  // Permissions and rights are separate words in every language: a desk may name either.
  {
    concept: 'permission',
    words: { en: 'permission', de: 'Berechtigung', es: 'permiso', fr: 'permission autorisation' },
  },
  // Not German "Rechte": its stem is also "rechts" (on the right) and "Recht" (law); German desks say
  // "Berechtigungen" (above).
  { concept: 'rights', words: { en: 'rights', es: 'derechos', fr: 'droits' } },
  // Password queues ("Password reset", "Passwort", "Contraseña"); "clave" is the Latin American word.
  { concept: 'password', words: { en: 'password', de: 'Passwort Kennwort', es: 'contraseña clave' } },
  // Accounts and logins: options like "Account", "Login issues", "Cuenta".
  { concept: 'account', words: { en: 'account', de: 'Konto', es: 'cuenta', fr: 'compte' } },
  {
    concept: 'login',
    words: { en: 'login logon', de: 'Anmeldung anmelden Login', es: 'login', fr: 'login' },
  },
  {
    concept: 'user',
    words: { en: 'user', de: 'Benutzer Nutzer', es: 'usuario', fr: 'utilisateur' },
  },
  // Hardware and its common option names; Spanish and German desks use the English word. Not German
  // "Rechner": it stems as "Rechnung" (invoice, below) does.
  { concept: 'hardware', words: { en: 'hardware', de: 'Hardware', es: 'hardware', fr: 'matériel' } },
  { concept: 'device', words: { en: 'device', de: 'Gerät', es: 'dispositivo', fr: 'appareil' } },
  {
    concept: 'computer',
    words: { en: 'computer', de: 'Computer', es: 'ordenador computadora', fr: 'ordinateur' },
  },
  // "Portable" is an English adjective, "Handy" too: counted only in their languages.
  {
    concept: 'laptop',
    words: { en: 'laptop notebook', de: 'Laptop Notebook', es: 'portátil', fr: 'portable*' },
  },
  {
    concept: 'phone',
    words: { en: 'phone telephone', de: 'Telefon Handy*', es: 'teléfono móvil celular', fr: 'téléphone' },
  },
  {
    concept: 'peripheral',
    words: { en: 'peripheral', de: 'Peripherie', es: 'periférico', fr: 'périphérique' },
  },
  {
    concept: 'storage',
    words: { en: 'storage', de: 'Speicher Speicherplatz', es: 'almacenamiento', fr: 'stockage' },
  },
  // Software queues ("Software", "Logiciels"); applications as a separate option name.
  { concept: 'software', words: { en: 'software', de: 'Software', es: 'software', fr: 'logiciel' } },
  {
    concept: 'application',
    words: { en: 'application app', de: 'Anwendung App', es: 'aplicación app', fr: 'application' },
  },
  {
    concept: 'installation',
    words: {
      en: 'install installation',
      de: 'installieren Installation',
      es: 'instalar instalación',
      fr: 'installer installation',
    },
  },
  { concept: 'license', words: { en: 'license licence', de: 'Lizenz', es: 'licencia', fr: 'licence' } },
  { concept: 'update', words: { en: 'update', de: 'Update Aktualisierung', es: 'actualización actualizar' } },
  { concept: 'server', words: { en: 'server', de: 'Server', es: 'servidor', fr: 'serveur' } },
  // Not German "Sicherung": its stem is "sicher" (sure, safe) and starts "Sicherheit" (security).
  { concept: 'backup', words: { en: 'backup', de: 'Backup', es: 'respaldo', fr: 'sauvegarde' } },
  { concept: 'security', words: { en: 'security', de: 'Sicherheit', es: 'seguridad', fr: 'sécurité' } },
  { concept: 'file', words: { en: 'file', de: 'Datei', es: 'archivo fichero', fr: 'fichier' } },
  { concept: 'calendar', words: { en: 'calendar', de: 'Kalender', es: 'calendario', fr: 'calendrier' } },
  {
    concept: 'incident',
    words: { en: 'incident', de: 'Störung', es: 'incidencia incidente', fr: 'incident' },
  },
  { concept: 'request', words: { en: 'request', de: 'Anfrage Antrag', es: 'solicitud', fr: 'demande' } },
  { concept: 'project', words: { en: 'project', de: 'Projekt', es: 'proyecto', fr: 'projet' } },
  // Customer-service queues (shops, subscriptions): the usual option names of such desks.
  {
    concept: 'purchase',
    words: { en: 'purchase', de: 'Einkauf Kauf Beschaffung', es: 'compra', fr: 'achat' },
  },
  { concept: 'order', words: { en: 'order', de: 'Bestellung', es: 'pedido', fr: 'commande' } },
  {
    concept: 'invoice',
    words: {
      en: 'invoice billing bill',
      de: 'Rechnung Abrechnung',
      es: 'factura facturación',
      fr: 'facture facturation',
    },
  },
  { concept: 'payment', words: { en: 'payment', de: 'Zahlung Bezahlung', es: 'pago', fr: 'paiement' } },
  {
    concept: 'refund',
    words: { en: 'refund', de: 'Erstattung Rückerstattung', es: 'reembolso', fr: 'remboursement' },
  },
  { concept: 'shipping', words: { en: 'shipping shipment', de: 'Versand', es: 'envío', fr: 'expédition' } },
  { concept: 'delivery', words: { en: 'delivery', de: 'Lieferung', es: 'entrega', fr: 'livraison' } },
  {
    concept: 'cancellation',
    words: {
      en: 'cancel cancellation',
      de: 'Kündigung Stornierung',
      es: 'cancelación cancelar',
      fr: 'annulation résiliation',
    },
  },
  {
    concept: 'subscription',
    words: { en: 'subscription', de: 'Abonnement Abo', es: 'suscripción', fr: 'abonnement' },
  },
  {
    concept: 'complaint',
    words: {
      en: 'complaint',
      de: 'Beschwerde Reklamation',
      es: 'queja reclamación',
      fr: 'réclamation plainte',
    },
  },
  { concept: 'product', words: { en: 'product', de: 'Produkt', es: 'producto', fr: 'produit' } },
];
